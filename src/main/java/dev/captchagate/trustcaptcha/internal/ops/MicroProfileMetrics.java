package dev.captchagate.trustcaptcha.internal.ops;

import dev.captchagate.trustcaptcha.Decision;
import dev.captchagate.trustcaptcha.Outcome;
import dev.captchagate.trustcaptcha.internal.client.ClientState;
import dev.captchagate.trustcaptcha.internal.metrics.Metrics;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.enterprise.util.AnnotationLiteral;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.ToLongFunction;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.eclipse.microprofile.metrics.annotation.RegistryType;

/**
 * The metrics in the application's MicroProfile Metrics registry (Payara, Open Liberty with {@code mpMetrics}).
 * Loaded only where the server has the API. Counters and timers are looked up once per tag combination and kept.
 */
final class MicroProfileMetrics implements Registered {

    private final MetricRegistry registry;
    private final List<MetricID> registered = new ArrayList<>();
    private static final int OUTCOMES = Outcome.values().length;

    /** By filter: a counter per outcome and enforcement, found without allocating once made. */
    private final Map<String, AtomicReferenceArray<Counter>> decisions = new ConcurrentHashMap<>();
    private final Map<String, Timer> calls = new ConcurrentHashMap<>();
    private final Map<String, Counter> transitions = new ConcurrentHashMap<>();
    private final Counter limitRefused;
    private final Counter replayFailures;

    private MicroProfileMetrics(MetricRegistry registry, Gauges gauges) {
        this.registry = registry;
        try {
            gauge(MetricNames.IN_FLIGHT, gauges, g -> g.state().get().callsInFlight());
            gauge(MetricNames.LIMIT, gauges, g -> g.state().get().limit());
            for (String state : ClientState.BREAKER_STATES) {
                gauge(MetricNames.BREAKER_STATE, gauges, g -> g.state().get().breaker().equals(state) ? 1 : 0,
                        new Tag("state", state));
                // Made now, so that a transition never calls the registry under the breaker's lock, and each
                // series is there (at 0) before its first transition.
                transitions.put(state, counter(MetricNames.BREAKER_TRANSITIONS, new Tag("state", state)));
            }
            if (gauges.replayEvictions().getAsLong() >= 0) {
                gauge(MetricNames.REPLAY_EVICTIONS, gauges, g -> Math.max(0, g.replayEvictions().getAsLong()));
            }
            limitRefused = counter(MetricNames.LIMIT_REFUSED);
            replayFailures = counter(MetricNames.REPLAY_FAILURES);
        } catch (RuntimeException | LinkageError failed) {
            close(); // nothing half-registered stays behind
            throw failed;
        }
    }

    /**
     * Registers the metrics in the application's registry, when CDI has one.
     *
     * @param gauges what the gauges read
     * @param beans the library's own lookup of beans; null without one
     * @return the metrics, or null when there is no registry
     */
    static Registered register(Gauges gauges, Instance<Object> beans) {
        MetricRegistry registry = applicationRegistry(beans);
        return registry == null ? null : new MicroProfileMetrics(registry, gauges);
    }

    /**
     * The application's registry, first through the library's own injected {@code Instance} (Open Liberty's producer
     * is visible there and not to a lookup through {@code CDI.current()}; Payara's producer needs the injection point
     * that gives), then through {@code CDI.current()}; each as the spec says (the default qualifier), then with the
     * deprecated {@code @RegistryType(type = APPLICATION)}, which Payara and Open Liberty still answer. No registry at
     * all (Payara activates MicroProfile Metrics only for applications that use it; the field of this class is how
     * this one does) is no metrics.
     */
    private static MetricRegistry applicationRegistry(Instance<Object> beans) {
        for (Instance<Object> lookup : java.util.Arrays.asList(beans, CDI.current())) {
            MetricRegistry found = lookup == null ? null : resolve(() -> lookup.select(MetricRegistry.class));
            if (found == null && lookup != null) {
                found = resolve(() -> lookup.select(MetricRegistry.class, new ApplicationRegistry()));
            }
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static MetricRegistry resolve(java.util.function.Supplier<Instance<MetricRegistry>> lookup) {
        try {
            Instance<MetricRegistry> registry = lookup.get();
            return registry.isResolvable() ? registry.get() : null;
        } catch (RuntimeException unusable) {
            return null; // Payara's producer without an injection point; an unusable lookup
        }
    }

    /** {@code @RegistryType(type = APPLICATION)}. */
    @SuppressWarnings("deprecation") // the qualifier Payara's producer answers; MicroProfile Metrics 5 still has it
    private static final class ApplicationRegistry extends AnnotationLiteral<RegistryType> implements RegistryType {

        private static final long serialVersionUID = 1L;

        @Override
        public MetricRegistry.Type type() {
            return MetricRegistry.Type.APPLICATION;
        }
    }

    private static Metadata metadata(MetricNames.Name name) {
        return Metadata.builder().withName(name.name()).withDescription(name.description())
                .withUnit(name.unit().isEmpty() ? MetricUnits.NONE : MetricUnits.SECONDS).build();
    }

    private void gauge(MetricNames.Name name, Gauges gauges, ToLongFunction<Gauges> read, Tag... tags) {
        registry.gauge(metadata(name), gauges, g -> read.applyAsLong(g), tags);
        synchronized (registered) {
            registered.add(new MetricID(name.name(), tags));
        }
    }

    private Counter counter(MetricNames.Name name, Tag... tags) {
        Counter counter = registry.counter(metadata(name), tags);
        synchronized (registered) {
            registered.add(new MetricID(name.name(), tags)); // a counter made twice by a race is listed twice: harmless
        }
        return counter;
    }

    @Override
    public void decided(String filter, Decision decision) {
        AtomicReferenceArray<Counter> counters = decisions.computeIfAbsent(filter,
                name -> new AtomicReferenceArray<>(OUTCOMES * 2));
        int index = decision.outcome().ordinal() * 2 + (decision.enforced() ? 1 : 0);
        Counter counter = counters.get(index);
        if (counter == null) { // once per filter, outcome and enforcement: the registry returns the same counter
            String outcome = Metrics.label(decision.outcome());
            counter = counter(MetricNames.DECISIONS, new Tag("filter", filter), new Tag("outcome", outcome),
                    new Tag("enforced", Boolean.toString(decision.enforced())));
            counters.set(index, counter);
        }
        counter.inc();
    }

    @Override
    public void called(String kind, long nanos) {
        calls.computeIfAbsent(kind, key -> {
            Timer timer = registry.timer(metadata(MetricNames.CALL_DURATION), new Tag("kind", kind));
            synchronized (registered) {
                registered.add(new MetricID(MetricNames.CALL_DURATION.name(), new Tag("kind", kind)));
            }
            return timer;
        }).update(Duration.ofNanos(nanos));
    }

    @Override
    public void limitRefused() {
        limitRefused.inc();
    }

    @Override
    public void breakerEntered(String state) {
        Counter counter = transitions.get(state);
        if (counter != null) {
            counter.inc();
        }
    }

    @Override
    public void replayStoreFailed() {
        replayFailures.inc();
    }

    @Override
    public void close() {
        synchronized (registered) {
            for (MetricID id : registered) {
                try {
                    registry.remove(id);
                } catch (RuntimeException gone) {
                    // the registry may be gone with the application
                }
            }
            registered.clear();
        }
    }

    @Override
    public String toString() {
        return "MicroProfile Metrics (the application's registry)";
    }
}
