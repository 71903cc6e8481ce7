package trafficlight.localhub;

/** A user (or an App's bot user) known to the hub. {@code type} is "User" or "Bot". */
record User(long id, String login, String type) {}
