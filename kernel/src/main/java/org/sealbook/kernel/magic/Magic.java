package org.sealbook.kernel.magic;

/**
 * One {@code %name} or {@code %%name} command. Whatever it returns becomes the cell's result (null for none);
 * what it prints goes to the cell; an exception becomes the cell's error, its message the sentence shown.
 */
@FunctionalInterface
public interface Magic {
    Object run(MagicCall call) throws Exception;
}
