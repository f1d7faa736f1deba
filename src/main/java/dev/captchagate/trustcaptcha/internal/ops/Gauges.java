package dev.captchagate.trustcaptcha.internal.ops;

import dev.captchagate.trustcaptcha.internal.client.ClientState;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What the gauges read when they are read (at a scrape or an export, never on a request's path).
 *
 * @param state the client's state now
 * @param replayEvictions the replay store's evictions since it opened, -1 when it cannot tell
 */
record Gauges(Supplier<ClientState> state, LongSupplier replayEvictions) {
}
