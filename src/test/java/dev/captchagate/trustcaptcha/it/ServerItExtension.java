package dev.captchagate.trustcaptcha.it;

import dev.captchagate.trustcaptcha.testing.FakeTrustCaptchaApi;
import dev.captchagate.trustcaptcha.testing.StalledListener;
import java.io.Closeable;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * The part of {@link ServerIT} that runs before Arquillian: what a class needs before its deployment can be built,
 * and what it leaves behind after its tests.
 *
 * <ul>
 * <li>Before the class (so before Arquillian calls the {@code @Deployment} method and starts the server): prepares
 *     the server ({@link TestServer#beforeClass()}: its output captured, no extra WARs of an earlier class), and
 *     starts a server on 127.0.0.1 for each static {@link Loopback} field and sets the field.</li>
 * <li>After each test: resets each {@link FakeTrustCaptchaApi} whose field asks for it.</li>
 * <li>After the class: clears the fields, and JUnit closes what was started (also when starting failed half-way:
 *     each one is in the class's extension store, which closes its {@link AutoCloseable} values when the class
 *     ends, after every after-all callback, so after Arquillian has stopped the server).</li>
 * </ul>
 */
public final class ServerItExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            ServerItExtension.class);

    /** A started server, how to stop it, its field, and whether to reset it after each test. */
    private record Started(Field field, Object server, Closeable stop, boolean resetAfterEach) implements Closeable {
        @Override
        public void close() throws IOException {
            stop.close();
        }
    }

    /** What a class started, in order. */
    private static final class StartedServers {
        private final List<Started> all = new ArrayList<>();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        TestServer.beforeClass();
        StartedServers started = new StartedServers();
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        store.put(StartedServers.class, started);
        for (Field field : AnnotationSupport.findAnnotatedFields(context.getRequiredTestClass(), Loopback.class,
                field -> true, HierarchyTraversalMode.TOP_DOWN)) {
            if (!Modifier.isStatic(field.getModifiers()) || Modifier.isFinal(field.getModifiers())) {
                throw new ExtensionConfigurationException("@Loopback " + field + ": must be static and not final "
                        + "(the static @Deployment method writes its URL into the WARs before there is an instance)");
            }
            Started one = start(field, field.getAnnotation(Loopback.class).resetAfterEach());
            store.put(field, one);
            started.all.add(one);
            field.setAccessible(true);
            field.set(null, one.server());
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        TestServer.running();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        for (Started one : started(context)) {
            if (one.resetAfterEach() && one.server() instanceof FakeTrustCaptchaApi fake) {
                fake.reset();
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IllegalAccessException {
        TestServer.running();
        for (Started one : started(context)) {
            one.field().set(null, null);
        }
    }

    private static Started start(Field field, boolean resetAfterEach) {
        Class<?> type = field.getType();
        if (type == FakeTrustCaptchaApi.class) {
            FakeTrustCaptchaApi fake = FakeTrustCaptchaApi.start();
            return new Started(field, fake, fake::close, resetAfterEach);
        }
        if (type == StalledListener.class) {
            StalledListener listener = StalledListener.start();
            return new Started(field, listener, listener::close, resetAfterEach);
        }
        throw new ExtensionConfigurationException("@Loopback " + field + ": a FakeTrustCaptchaApi or a "
                + "StalledListener, not " + type.getName());
    }

    private static List<Started> started(ExtensionContext context) {
        StartedServers started = context.getStore(NAMESPACE).get(StartedServers.class, StartedServers.class);
        return started == null ? List.of() : started.all;
    }
}
