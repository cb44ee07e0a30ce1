package org.sealbook.toolkit.data;

/** How much a finding matters: PASS is fine, WARN needs a look or a mitigation, FAIL blocks the stage. */
public enum Severity {
    PASS, WARN, FAIL
}
