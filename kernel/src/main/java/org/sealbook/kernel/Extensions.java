package org.sealbook.kernel;

import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * Loads the providers of an extension point (renderers, magics) with ServiceLoader. A provider that cannot be
 * loaded or fails while registering is logged with its stack trace and skipped: one broken module never stops
 * the kernel, it only loses what that module adds.
 */
public final class Extensions {
    private Extensions() {
    }

    /**
     * @param lost what the user misses when a provider fails, for the log, e.g. "its magics are missing"
     */
    public static <P> void load(Class<P> type, Consumer<P> register, String lost) {
        Iterator<P> providers = ServiceLoader.load(type).iterator();
        while (true) {
            P provider;
            try {
                if (!providers.hasNext()) {
                    return;
                }
                provider = providers.next();
            } catch (ServiceConfigurationError e) {
                Log.error("A " + type.getSimpleName() + " could not be loaded; " + lost, e);
                continue; // the iterator goes on with the next provider
            }
            try {
                register.accept(provider);
            } catch (RuntimeException | LinkageError e) {
                Log.error(type.getSimpleName() + " " + provider.getClass().getName() + " failed; " + lost, e);
            }
        }
    }
}
