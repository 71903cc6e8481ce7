package trafficlight.localhub;

/**
 * One event to deliver: its GUID (the {@code X-GitHub-Delivery} of every attempt, redeliveries
 * included), name ("issues", "ping"), action (null for ping), repository and the JSON payload.
 */
record WebhookEvent(String guid, String name, String action, long repositoryId, String payload) {}
