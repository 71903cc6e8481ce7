package trafficlight.localhub;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The repository webhooks and their deliveries. Deliveries are made asynchronously, off the thread
 * that changed the issue, as GitHub makes them; each attempt is listed once it is over (newest
 * first), up to {@link #KEPT_PER_HOOK} per hook. Kept in memory only.
 */
final class Webhooks implements AutoCloseable {
  static final int MAX_HOOKS_PER_EVENT = 20;
  static final int KEPT_PER_HOOK = 1000;

  private final DeliverySender sender;
  private final ArmedFaults<DeliveryFault, DeliveryFaultPolicy> faults =
      new ArmedFaults<>("a delivery fault");
  private final ScheduledExecutorService executor;
  private final Map<Long, Hook> hooks = new LinkedHashMap<>();
  private final Map<Long, Deque<WebhookDelivery>> deliveries = new HashMap<>();
  private final AtomicLong deliveryIds = new AtomicLong();

  Webhooks(MovableClock clock) {
    sender = new DeliverySender(clock);
    ScheduledThreadPoolExecutor pool =
        new ScheduledThreadPoolExecutor(
            4,
            r -> {
              Thread t = new Thread(r, "localhub-webhooks");
              t.setDaemon(true);
              return t;
            });
    pool.setRemoveOnCancelPolicy(true);
    executor = pool;
  }

  // ---- hooks

  synchronized Hook add(Hook hook) {
    hooks.put(hook.id(), hook);
    deliveries.put(hook.id(), new ArrayDeque<>());
    return hook;
  }

  synchronized List<Hook> hooks(long repoId) {
    return hooks.values().stream().filter(h -> h.repoId() == repoId).toList();
  }

  synchronized Optional<Hook> hook(long repoId, long hookId) {
    return Optional.ofNullable(hooks.get(hookId)).filter(h -> h.repoId() == repoId);
  }

  synchronized boolean remove(long repoId, long hookId) {
    if (hook(repoId, hookId).isEmpty()) {
      return false;
    }
    hooks.remove(hookId);
    deliveries.remove(hookId);
    return true;
  }

  // ---- deliveries

  /** Delivers a new event to every active hook of the repository that subscribes to it. */
  void publish(String name, String action, long repositoryId, String payload) {
    List<Hook> targets;
    synchronized (this) {
      targets =
          hooks.values().stream()
              .filter(h -> h.repoId() == repositoryId && h.active() && h.subscribesTo(name))
              .toList();
    }
    // One GUID per event, shared by the deliveries to every hook, as GitHub does.
    WebhookEvent event = new WebhookEvent(newGuid(), name, action, repositoryId, payload);
    targets.forEach(h -> attempt(h, event, false));
  }

  /** Delivers a new event to one hook whatever it subscribes to (ping). */
  void publishTo(Hook hook, String name, String action, String payload) {
    attempt(hook, new WebhookEvent(newGuid(), name, action, hook.repoId(), payload), false);
  }

  /** Sends a listed delivery again: same GUID and payload, a new delivery id. */
  void redeliver(Hook hook, WebhookDelivery delivery) {
    WebhookEvent event =
        new WebhookEvent(
            delivery.guid(),
            delivery.event(),
            delivery.action(),
            delivery.repositoryId(),
            delivery.payload());
    attempt(hook, event, true);
  }

  /** The hook's attempts that are over, newest first. */
  synchronized List<WebhookDelivery> deliveries(long hookId) {
    Deque<WebhookDelivery> list = deliveries.get(hookId);
    return list == null ? List.of() : new ArrayList<>(list);
  }

  synchronized Optional<WebhookDelivery> delivery(long hookId, long deliveryId) {
    return deliveries(hookId).stream().filter(d -> d.id() == deliveryId).findFirst();
  }

  void inject(DeliveryFault fault) {
    faults.add(fault);
  }

  List<DeliveryFault> pendingFaults() {
    return faults.pending();
  }

  void clearFaults() {
    faults.clear();
  }

  private void attempt(Hook hook, WebhookEvent event, boolean redelivery) {
    long id = deliveryIds.incrementAndGet();
    DeliveryFaultPolicy fault = faults.take(f -> f.matches(event));
    if (fault instanceof DeliveryFaultPolicy.Drop) {
      executor.execute(() -> record(sender.notSent(id, hook, event, redelivery)));
    } else if (fault instanceof DeliveryFaultPolicy.Delay delay) {
      executor.schedule(
          () -> record(sender.send(id, hook, event, redelivery)),
          delay.delay().toMillis(),
          TimeUnit.MILLISECONDS);
    } else {
      executor.execute(() -> record(sender.send(id, hook, event, redelivery)));
    }
  }

  private synchronized void record(WebhookDelivery delivery) {
    Deque<WebhookDelivery> list = deliveries.get(delivery.hookId());
    if (list == null) {
      return; // the hook was deleted meanwhile
    }
    list.addFirst(delivery);
    while (list.size() > KEPT_PER_HOOK) {
      list.removeLast();
    }
    Hook hook = hooks.get(delivery.hookId());
    hooks.put(hook.id(), hook.withLastResponse(delivery));
  }

  private static String newGuid() {
    return UUID.randomUUID().toString();
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
