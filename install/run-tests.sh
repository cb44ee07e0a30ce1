#!/usr/bin/env bash
# Every test tier: Maven's unit and protocol tests, then the end-to-end tests against an installed kernel.
# The kernel is installed into a temporary prefix and Jupyter's data folder is temporary too, so nothing in
# the home folder is read or written.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash install/setup-machine.sh

# A failing tier does not stop the next one, so one run reports every failure; the exit status still fails.
failed=()

# Tiers 1 and 2: unit tests and the protocol tests that drive a child-JVM kernel.
# Debian's Maven prints stray colour codes even in batch mode; strip them from the log.
mvn -B verify 2>&1 | sed -u 's/\x1b\[[0-9;]*m//g' || failed+=("the Maven tests (mvn -B verify)")

# Tier 2 again with the kernel on the newest JDK 21+ under /usr/lib/jvm: the build targets Java 17, but interrupting
# a cell works differently from Java 20 (no Thread.stop), so the protocol tests run the child kernel there too.
# About 2 minutes; the test JVM stays on the default Java, only the kernel it starts changes.
newer_java=""
newer_feature=0
for java in /usr/lib/jvm/*/bin/java; do
    [ -x "$java" ] || continue
    version=$("$java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ { print $2 }' || true)
    feature=${version%%.*}
    if [[ "$feature" =~ ^[0-9]+$ ]] && [ "$feature" -ge 21 ] && [ "$feature" -gt "$newer_feature" ]; then
        newer_java=$java
        newer_feature=$feature
    fi
done
if [ -n "$newer_java" ]; then
    echo "run-tests.sh: the kernel's protocol tests again, with the kernel on Java $newer_feature ($newer_java)."
    mvn -B -pl kernel test -Dtest='org.sealbook.kernel.protocol.*Test' -Dsealbook.test.java="$newer_java" 2>&1 \
        | sed -u 's/\x1b\[[0-9;]*m//g' \
        || failed+=("the protocol tests with the kernel on Java $newer_feature")
else
    echo "run-tests.sh: SKIPPED the protocol tests on a newer JDK: no JDK 21 or newer under /usr/lib/jvm."
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The kernel on the newest JDK the installer finds (or JAVA_HOME); every end-to-end test runs against it.
bash install/install.sh --prefix "$tmp/prefix"
installed_java=$(sed -n 's/.*"java_version": "\([0-9]*\).*/\1/p' "$tmp/prefix/share/jupyter/kernels/sealbook/kernel.json")
# Learners have JDK 17, 21 or 25: a second kernel, on the other of 17 and the newest JDK here, runs one tutorial
# notebook too (about a minute on 2 cores: its install trains a start-up archive in 30-45 s, the notebook takes
# 5-15 s).
other_jdk=
for candidate in /usr/lib/jvm/java-17-openjdk-* /usr/lib/jvm/temurin-17-* /usr/lib/jvm/temurin-25-* /usr/lib/jvm/java-25-openjdk-* \
                 /usr/lib/jvm/temurin-21-* /usr/lib/jvm/java-21-openjdk-*; do
    [ -x "$candidate/bin/java" ] || continue
    major=$("$candidate/bin/java" -version 2>&1 | sed -n '1s/.*version "\([0-9]*\).*/\1/p')
    if [ -n "$major" ] && [ "$major" != "$installed_java" ]; then
        other_jdk=$candidate
        break
    fi
done
if [ -n "$other_jdk" ]; then
    bash install/install.sh --prefix "$tmp/prefix" --java "$other_jdk" --name sealbook-other-jdk \
        || failed+=("the install on $other_jdk (install/install.sh --java $other_jdk)")
else
    echo "run-tests.sh: only one JDK (Java $installed_java) here, so the tutorial runs on that one alone." >&2
fi
export JUPYTER_PATH="$tmp/prefix/share/jupyter"
export JUPYTER_DATA_DIR="$tmp/data"
export SEALBOOK_KERNEL=sealbook
# No __pycache__ or .pytest_cache left in the source tree.
export PYTHONDONTWRITEBYTECODE=1
# Debian's ipykernel loads debugpy, which warns about frozen modules on every jupyter command.
export PYDEVD_DISABLE_FILE_VALIDATION=1

found=$(jupyter kernelspec list | awk -v k="$SEALBOOK_KERNEL" '$1 == k { print $2 }')
[ "$found" = "$JUPYTER_PATH/kernels/$SEALBOOK_KERNEL" ] || {
    echo "run-tests.sh: jupyter finds kernel '$SEALBOOK_KERNEL' at '${found:-nowhere}', not in $JUPYTER_PATH/kernels; check install/install.sh --prefix." >&2
    exit 1
}

# Tier 3: the tutorial notebook, Jupyter's conformance suite and jupyter console, all through real clients.
# Debian's Python has jupyter_client; a pyenv or virtualenv python3 earlier on PATH may not.
/usr/bin/python3 -m pytest -q -p no:cacheprovider notebooks/tests kernel/src/test/python \
    || failed+=("the end-to-end tests (pytest)")
if [ -n "$other_jdk" ]; then
    echo "run-tests.sh: the first tutorial notebook on the kernel with $other_jdk (kernelspec sealbook-other-jdk):"
    SEALBOOK_KERNEL=sealbook-other-jdk /usr/bin/python3 -m pytest -q -p no:cacheprovider notebooks/tests/test_hello_notebook.py \
        || failed+=("the tutorial notebook on $other_jdk (SEALBOOK_KERNEL=sealbook-other-jdk pytest notebooks/tests/test_hello_notebook.py)")
fi

if [ ${#failed[@]} -gt 0 ]; then
    printf -v list '%s; ' "${failed[@]}"
    echo "run-tests.sh: failed: ${list%; }; see their reports above." >&2
    exit 1
fi
echo "run-tests.sh: all tests passed."
