package org.sealbook.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExtensionsTest {
    /** A test-only extension point; its providers are listed in META-INF/services in the test resources. */
    public interface Hook {
        String name();
    }

    public static final class Good implements Hook {
        @Override
        public String name() {
            return "good";
        }
    }

    public static final class BrokenConstructor implements Hook {
        public BrokenConstructor() {
            throw new IllegalStateException("cannot start");
        }

        @Override
        public String name() {
            return "never";
        }
    }

    public static final class FailsWhenRegistering implements Hook {
        @Override
        public String name() {
            throw new IllegalStateException("cannot register");
        }
    }

    public static final class AlsoGood implements Hook {
        @Override
        public String name() {
            return "also good";
        }
    }

    @Test
    void brokenProvidersAreSkippedAndTheOthersStillRegister() {
        List<String> registered = new ArrayList<>();
        Extensions.load(Hook.class, h -> registered.add(h.name()), "a test loses a hook");
        assertEquals(List.of("good", "also good"), registered);
    }
}
