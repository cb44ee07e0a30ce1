#!/usr/bin/env bash
# Installs the Sealbook kernel as the Jupyter kernelspec "sealbook".
# Usage: install/install.sh [--user (default) | --prefix DIR | --sys-prefix] [--uninstall]
# Environment: JAVA_HOME picks the Java to run the kernel with; SEALBOOK_JVM_OPTS adds JVM options.
set -euo pipefail

# The JVM options written into kernel.json; SEALBOOK_JVM_OPTS is appended (split on spaces).
# G1 with a periodic collection and tight heap free ratios hands unused heap back to the system while the
# kernel idles. bench/kernel_bench.sh, 3 runs each: 213 MB resident when idle with these options, 269 MB with the
# periodic collection alone (286 MB with neither), and '1+1' within noise of each other (39.1 vs 37.4 ms).
JVM_OPTS="-Djava.awt.headless=true -XX:+UseG1GC -XX:G1PeriodicGCInterval=10000 -XX:MaxHeapFreeRatio=30 -XX:MinHeapFreeRatio=10"

KERNEL_NAME=sealbook
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

die() {
    echo "install.sh: $*" >&2
    exit 1
}

usage="Usage: install/install.sh [--user | --prefix DIR | --sys-prefix] [--uninstall]"
mode=--user
prefix=
uninstall=false
mode_given=false
while [ $# -gt 0 ]; do
    case "$1" in
        --user | --sys-prefix | --prefix | --prefix=*)
            $mode_given && die "Choose one of --user, --prefix DIR and --sys-prefix, not several; $usage"
            mode_given=true
            case "$1" in
                --prefix=*) mode=--prefix; prefix=${1#--prefix=} ;;
                --prefix)
                    [ $# -ge 2 ] && [ -n "$2" ] || die "--prefix needs a folder after it, e.g. --prefix /opt/jupyter; $usage"
                    mode=--prefix; prefix=$2; shift ;;
                *) mode=$1 ;;
            esac
            [ "$mode" != --prefix ] || [ -n "$prefix" ] || die "--prefix needs a folder after it, e.g. --prefix /opt/jupyter; $usage"
            ;;
        --uninstall) uninstall=true ;;
        -h | --help) echo "$usage"; exit 0 ;;
        *) die "Unknown option '$1'; $usage" ;;
    esac
    shift
done
# The checks below compare paths, so the prefix must be absolute and tidy (no "..", no trailing "/").
if [ "$mode" = --prefix ]; then
    if $uninstall; then
        [ -d "$prefix" ] || die "Sealbook is not installed under $prefix (no such folder), so there is nothing to remove; pass the --prefix you installed with."
    else
        mkdir -p "$prefix" || die "Cannot create the prefix folder $prefix; pick a folder you can write to."
    fi
    prefix=$(cd "$prefix" && pwd -P)
fi

jupyter_cmd=$(command -v jupyter || true)
[ -n "$jupyter_cmd" ] \
    || die "No 'jupyter' command on PATH; install jupyter-client (apt-get install --no-install-recommends jupyter-client) or pip install jupyter_client."
# A pyenv or virtualenv shim can shadow the jupyter that has jupyter_client; the command must really run.
jupyter kernelspec --version >/dev/null 2>&1 \
    || die "The jupyter at $jupyter_cmd cannot run 'jupyter kernelspec'; install jupyter-client (apt-get install --no-install-recommends jupyter-client) or pip install jupyter_client, or put the jupyter that has it first on PATH."

# The share/jupyter folder this mode installs into, so we can check and remove exactly that copy.
target_share() {
    case "$mode" in
        --user) jupyter --data-dir ;;
        --prefix) echo "$prefix/share/jupyter" ;;
        --sys-prefix)
            # jupyter's own help states what --sys-prefix means: the prefix of the Python it runs on.
            local p
            p=$(jupyter kernelspec install --help 2>/dev/null | sed -n 's/.*InstallKernelSpec\.prefix=\([^]]*\)\].*/\1/p' | head -n 1)
            [ -n "$p" ] || die "Could not tell which prefix 'jupyter kernelspec install --sys-prefix' uses; use --prefix DIR instead."
            echo "$p/share/jupyter" ;;
    esac
}
share=$(target_share)
spec_dir="$share/kernels/$KERNEL_NAME"

# Where jupyter finds "sealbook" when $1 is searched first.
found_spec_dir() {
    JUPYTER_PATH="$1${JUPYTER_PATH:+:$JUPYTER_PATH}" jupyter kernelspec list --json 2>/dev/null \
        | tr -d '\n' | sed -n "s/.*\"$KERNEL_NAME\": *{ *\"resource_dir\": *\"\([^\"]*\)\".*/\1/p"
}

if $uninstall; then
    [ -d "$spec_dir" ] || die "Sealbook is not installed in $spec_dir, so there is nothing to remove; pass the same --user, --prefix DIR or --sys-prefix you installed with."
    # Searching the target first makes 'remove' take this copy, not one that another location shadows.
    JUPYTER_PATH="$share${JUPYTER_PATH:+:$JUPYTER_PATH}" jupyter kernelspec remove -f "$KERNEL_NAME" >/dev/null 2>&1 \
        || die "jupyter kernelspec remove -f $KERNEL_NAME failed for $spec_dir; remove that folder by hand."
    [ ! -e "$spec_dir" ] || die "jupyter kernelspec remove left $spec_dir behind; remove that folder by hand."
    echo "Removed the Sealbook kernel from $spec_dir."
    exit 0
fi

# Java: JAVA_HOME when set, else the java on PATH; JShell needs a full JDK 17 or newer.
if [ -n "${JAVA_HOME:-}" ]; then
    java_cmd="$JAVA_HOME/bin/java"
    [ -x "$java_cmd" ] || die "JAVA_HOME is $JAVA_HOME but $java_cmd does not exist; point JAVA_HOME at a JDK 17 or newer, or unset it to use the java on PATH."
    java_from="JAVA_HOME"
else
    java_cmd=$(command -v java || true)
    [ -n "$java_cmd" ] || die "No Java found (JAVA_HOME is unset and there is no java on PATH); apt-get install openjdk-17-jdk-headless or set JAVA_HOME to a JDK 17 or newer."
    java_from="PATH"
fi
# Resolve links (e.g. /usr/bin/java via alternatives) so the kernel keeps the Java we checked here.
java_cmd=$(readlink -f "$java_cmd")
version_line=$("$java_cmd" -version 2>&1 | grep -m 1 -i 'version "' || true)
java_version=$(printf '%s' "$version_line" | sed -n 's/.*version "\([^"]*\)".*/\1/p')
[ -n "$java_version" ] || die "Could not read a version from '$java_cmd -version' (Java from $java_from); apt-get install openjdk-17-jdk-headless or set JAVA_HOME to a JDK 17 or newer."
java_major=${java_version%%[.+-]*}
# Java 8 and older report "1.8.0_x".
[ "$java_major" != 1 ] || { java_major=${java_version#1.}; java_major=${java_major%%[.+_-]*}; }
[[ "$java_major" =~ ^[0-9]+$ ]] && [ "$java_major" -ge 17 ] \
    || die "Found Java $java_version at $java_cmd (from $java_from), but Sealbook needs Java 17 or newer; apt-get install openjdk-17-jdk-headless or set JAVA_HOME to a JDK 17 or newer."
"$java_cmd" --list-modules 2>/dev/null | grep -q '^jdk\.jshell@' \
    || die "Java $java_version at $java_cmd (from $java_from) is a runtime without JShell; install the full JDK (apt-get install openjdk-17-jdk-headless) or set JAVA_HOME to one."

# Build when the jars are missing or older than any main source or pom (test sources are not installed).
magics_jar() {
    local jar
    for jar in "$ROOT"/magics/target/sealbook-magics-*.jar; do
        case "$jar" in *-sources.jar | *-tests.jar | *-javadoc.jar) continue ;; esac
        [ -f "$jar" ] && echo "$jar" && return 0
    done
    return 0
}
jar=$(magics_jar)
stale=
if [ -z "$jar" ] || ! compgen -G "$ROOT/magics/target/lib/*.jar" >/dev/null; then
    stale="the kernel jars are not built yet"
elif [ -n "$(cd "$ROOT" && find pom.xml ./*/pom.xml ./*/src/main -newer "$jar" -type f -print -quit 2>/dev/null)" ]; then
    stale="sources changed since the last build"
fi
if [ -n "$stale" ]; then
    command -v mvn >/dev/null 2>&1 || die "Cannot build Sealbook ($stale) because Maven is missing; apt-get install --no-install-recommends maven."
    echo "Building Sealbook ($stale)..."
    # Debian's Maven prints stray colour codes even in batch mode; strip them.
    (cd "$ROOT" && mvn -B -q package -DskipTests 2>&1 | sed 's/\x1b\[[0-9;]*m//g') \
        || die "The Maven build failed (see above); fix it, then run install/install.sh again."
    jar=$(magics_jar)
    [ -n "$jar" ] || die "The build finished but made no magics/target/sealbook-magics-*.jar; check magics/pom.xml."
    # Maven keeps a jar whose contents did not change; mark it current so the next run does not build again.
    touch "$jar"
fi
sealbook_version=$(basename "$jar" .jar)
sealbook_version=${sealbook_version#sealbook-magics-}

# JSON string literal; the options come from word splitting, so they hold no control characters.
json_string() {
    local s=$1
    s=${s//\\/\\\\}
    s=${s//\"/\\\"}
    printf '"%s"' "$s"
}
read -r -a opts <<<"$JVM_OPTS ${SEALBOOK_JVM_OPTS:-}"
argv_head=$(json_string "$java_cmd")
for o in "${opts[@]}"; do
    argv_head+=", $(json_string "$o")"
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
spec="$work/$KERNEL_NAME"
mkdir -p "$spec/lib"
cp "$ROOT"/magics/target/lib/*.jar "$jar" "$spec/lib/"
cp "$ROOT"/install/logo/logo-32x32.png "$ROOT"/install/logo/logo-64x64.png "$ROOT"/install/logo/logo-svg.svg "$spec/"
# Bash 5.2 would read '&' in a replacement as "the matched text"; the options may contain '&'.
shopt -u patsub_replacement 2>/dev/null || true
template=$(<"$ROOT/install/kernel.json.in")
template=${template//@JAVA_AND_OPTIONS@/$argv_head}
template=${template//@SEALBOOK_VERSION@/$sealbook_version}
template=${template//@JAVA_VERSION@/$java_version}
printf '%s\n' "$template" >"$spec/kernel.json"

install_args=(--replace --name "$KERNEL_NAME")
case "$mode" in
    --prefix) install_args+=(--prefix "$prefix") ;;
    *) install_args+=("$mode") ;;
esac
jupyter kernelspec install "${install_args[@]}" "$spec" >/dev/null 2>"$work/err" \
    || die "jupyter kernelspec install $mode failed: $(tr '\n' ' ' <"$work/err")(use --user, or a --prefix you can write to)."

# jupyter must find and parse the installed kernel.json, not skip it as broken.
found=$(found_spec_dir "$share")
[ "$found" = "$spec_dir" ] || die "Installed into $spec_dir, but jupyter finds ${found:-no valid $KERNEL_NAME kernel} when it looks there first; check $spec_dir/kernel.json."

# Class-data sharing: run the kernel once from its installed jars and archive every class it loaded, so each
# later start maps them instead of reading and verifying them again. The archive is tied to these exact jar
# files, so it is made here, after they reached their final place.
archive="$spec_dir/sealbook.jsa"
if "$java_cmd" "${opts[@]}" -XX:ArchiveClassesAtExit="$archive" -Xlog:disable -cp "$spec_dir/lib/*" \
        org.sealbook.kernel.Main --warm-up >"$work/warm-up.log" 2>&1 && [ -s "$archive" ]; then
    sed -i 's|"-cp"|"-XX:SharedArchiveFile={resource_dir}/sealbook.jsa", "-cp"|' "$spec_dir/kernel.json"
else
    rm -f "$archive"
    echo "install.sh: the kernel's warm-up run failed, so it starts without a class-data-sharing archive (slower, otherwise the same); its log:" >&2
    tail -n 20 "$work/warm-up.log" >&2
fi

echo "Installed the Sealbook kernel (Java $java_version at $java_cmd) in $spec_dir."
if [ "$mode" = --prefix ]; then
    echo "If Jupyter does not look in $share already, tell it to: export JUPYTER_PATH=$share"
fi
echo "Start it with 'jupyter lab' (choose \"Java (Sealbook)\") or 'jupyter console --kernel $KERNEL_NAME'."
