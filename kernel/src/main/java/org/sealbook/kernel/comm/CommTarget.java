package org.sealbook.kernel.comm;

import com.google.gson.JsonObject;

/** What runs when a front end opens a comm to a registered target name. */
@FunctionalInterface
public interface CommTarget {
    void opened(Comm comm, JsonObject data);
}
