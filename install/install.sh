#!/usr/bin/env bash
# Installs the Sealbook kernel as the Jupyter kernelspec "sealbook" (--name picks another name).
# Usage: install/install.sh [--user (default) | --prefix DIR | --sys-prefix] [--java PATH] [--name NAME] [--uninstall]
# Java: --java PATH (a JDK home or its bin/java), else JAVA_HOME, else the newest JDK 17 or newer with JShell found
# in /usr/lib/jvm, /Library/Java/JavaVirtualMachines and on PATH. SEALBOOK_JVM_OPTS adds JVM options.
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

usage="Usage: install/install.sh [--user | --prefix DIR | --sys-prefix] [--java PATH] [--name NAME] [--uninstall]"
mode=--user
prefix=
uninstall=false
mode_given=false
java_given=
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
        --java | --java=*)
            if [ "$1" = --java ]; then
                [ $# -ge 2 ] && [ -n "$2" ] || die "--java needs a JDK after it, e.g. --java /usr/lib/jvm/java-17-openjdk-amd64; $usage"
                java_given=$2; shift
            else
                java_given=${1#--java=}
                [ -n "$java_given" ] || die "--java needs a JDK after it, e.g. --java /usr/lib/jvm/java-17-openjdk-amd64; $usage"
            fi ;;
        --name | --name=*)
            if [ "$1" = --name ]; then
                [ $# -ge 2 ] || die "--name needs a kernel name after it, e.g. --name sealbook-jdk17; $usage"
                KERNEL_NAME=$2; shift
            else
                KERNEL_NAME=${1#--name=}
            fi
            # Jupyter's own rule for kernel names.
            [[ "$KERNEL_NAME" =~ ^[A-Za-z0-9._-]+$ ]] \
                || die "The kernel name '$KERNEL_NAME' may hold only letters, digits, '.', '_' and '-' (Jupyter's rule), e.g. --name sealbook-jdk17." ;;
        --uninstall) uninstall=true ;;
        -h | --help) echo "$usage"; exit 0 ;;
        *) die "Unknown option '$1'; $usage" ;;
    esac
    shift
done
# Java. jdk_check JAVA: sets jdk_version and jdk_major and succeeds when JAVA runs and is a JDK 17 or newer with JShell
# (the jdk.jshell module); otherwise sets jdk_problem to why not.
jdk_check() {
    local java=$1 line
    jdk_version= jdk_major= jdk_problem=
    [ -f "$java" ] && [ -x "$java" ] || { jdk_problem="there is no java program at $java"; return 1; }
    line=$("$java" -version 2>&1 | grep -m 1 -i 'version "' || true)
    jdk_version=$(printf '%s' "$line" | sed -n 's/.*version "\([^"]*\)".*/\1/p')
    [ -n "$jdk_version" ] || { jdk_problem="'$java -version' did not say which version it is"; return 1; }
    jdk_major=${jdk_version%%[.+-]*}
    # Java 8 and older report "1.8.0_x".
    [ "$jdk_major" != 1 ] || { jdk_major=${jdk_version#1.}; jdk_major=${jdk_major%%[.+_-]*}; }
    [[ "$jdk_major" =~ ^[0-9]+$ ]] && [ "$jdk_major" -ge 17 ] \
        || { jdk_problem="$java is Java $jdk_version, and Sealbook needs Java 17 or newer"; return 1; }
    "$java" --list-modules 2>/dev/null | grep -q '^jdk\.jshell@' \
        || { jdk_problem="$java is Java $jdk_version without JShell (a runtime, not a full JDK)"; return 1; }
}

# The JDK a path names: a JDK home (PATH/bin/java) or a java program; links resolved, so the kernel keeps the Java
# checked here (not /usr/bin/java, which alternatives may later point elsewhere).
java_of() {
    local p=$1
    [ -d "$p" ] && p="$p/bin/java"
    readlink -f "$p" 2>/dev/null || printf '%s' "$p"
}

choose_java() {
    local example=/path/to/another/jdk
    if [ -n "$java_given" ]; then
        java_cmd=$(java_of "$java_given")
        jdk_check "$java_cmd" || die "--java $java_given is not usable: $jdk_problem; pass a JDK 17 or newer (its home folder or its bin/java)."
        java_why="you passed --java $java_given"
    elif [ -n "${JAVA_HOME:-}" ]; then
        java_cmd=$(java_of "$JAVA_HOME/bin/java")
        jdk_check "$java_cmd" || die "JAVA_HOME is $JAVA_HOME, which is not usable: $jdk_problem; point JAVA_HOME at a JDK 17 or newer, unset it to let the installer look for one, or pass --java PATH."
        java_why="JAVA_HOME is set to it"
    else
        # The newest JDK 17+ with JShell among the usual places: Linux packages, macOS installers, Homebrew, SDKMAN!,
        # and the java on PATH.
        local c seen=" " found=() best= best_version= others=()
        for c in /usr/lib/jvm/*/bin/java /Library/Java/JavaVirtualMachines/*/Contents/Home/bin/java \
                 /opt/homebrew/opt/openjdk*/bin/java /usr/local/opt/openjdk*/bin/java \
                 "$HOME"/.sdkman/candidates/java/*/bin/java "$(command -v java || true)"; do
            [ -n "$c" ] && [ -e "$c" ] || continue
            c=$(java_of "$c")
            case "$seen" in *" $c "*) continue ;; esac
            seen+="$c "
            jdk_check "$c" || continue
            found+=("$jdk_version $c")
            if [ -z "$best" ] || [ "$(printf '%s\n%s\n' "$best_version" "$jdk_version" | sort -V | tail -n 1)" != "$best_version" ]; then
                best=$c best_version=$jdk_version
            fi
        done
        [ -n "$best" ] || die "No JDK 17 or newer with JShell found (looked in /usr/lib/jvm, /Library/Java/JavaVirtualMachines, Homebrew, SDKMAN! and on PATH); apt-get install openjdk-17-jdk-headless, or pass --java PATH or set JAVA_HOME to a JDK 17 or newer."
        java_cmd=$best
        jdk_check "$java_cmd"
        for c in "${found[@]}"; do
            [ "${c#* }" = "$best" ] || { others+=("Java ${c%% *} at ${c#* }"); example=${c#* }; }
        done
        java_why="it is the newest JDK 17+ with JShell found"
        if [ ${#others[@]} -gt 0 ]; then
            printf -v c '%s; ' "${others[@]}"
            java_why+=" (also found: ${c%; })"
        fi
    fi
    java_version=$jdk_version
    java_major=$jdk_major
    echo "Java: $java_version at $java_cmd, because $java_why; choose another with --java PATH (a JDK home or its bin/java), e.g. --java $example."
}
$uninstall || choose_java

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
# From JDK 24 the JVM prints a warning on the kernel's stderr (which jupyter console shows) the first time a library
# uses sun.misc.Unsafe's memory access; classgraph, under the toolkit, does at the first %data_check. The option,
# known from JDK 23, keeps that use working without the warning.
# Likewise JDK 24 warns when JNA (DJL's PyTorch natives) loads a native library, at the first neural-network run;
# the option that allows it is known from JDK 22.
newer_opts=
[ "$java_major" -lt 22 ] || newer_opts=--enable-native-access=ALL-UNNAMED
[ "$java_major" -lt 23 ] || newer_opts+=" --sun-misc-unsafe-memory-access=allow"
read -r -a opts <<<"$JVM_OPTS $newer_opts ${SEALBOOK_JVM_OPTS:-}"
argv_head=$(json_string "$java_cmd")
for o in "${opts[@]}"; do
    argv_head+=", $(json_string "$o")"
done

# The default kernel is "Java (Sealbook)"; another name shows in the launcher beside it.
display_name="Java (Sealbook)"
[ "$KERNEL_NAME" = sealbook ] || display_name="Java (Sealbook, $KERNEL_NAME)"

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
template=${template//@DISPLAY_NAME@/$display_name}
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

# The start-up archive: run the kernel once from its installed jars through the cells of a first session
# (install/warm-up-cells.txt, magics and toolkit stages included, in a temporary folder with a small data file) and
# keep what it loaded, so each later start maps those classes instead of reading and verifying them again. JDK 17-23
# write a class-data-sharing archive of the loaded classes; JDK 24+ write an ahead-of-time cache, which also holds
# them linked and the profiles of the methods that ran (JDK 24 in two steps, 25+ in one). Either is tied to this JDK
# and to these exact jar files, so it is made here, after they reached their final place, with the java the
# kernelspec runs.
if [ "$java_major" -ge 24 ]; then
    archive_name=sealbook.aot
    archive_use="-XX:AOTCache={resource_dir}/$archive_name"
    archive_kind="ahead-of-time cache"
else
    archive_name=sealbook.jsa
    archive_use="-XX:SharedArchiveFile={resource_dir}/$archive_name"
    archive_kind="class-data-sharing archive"
fi
archive="$spec_dir/$archive_name"
train="$work/train"
mkdir -p "$train/data" "$train/jupyter"
cp "$ROOT/notebooks/data/breast_cancer.csv" "$train/data/"
# JUPYTER_DATA_DIR keeps the training cells out of the user's kernel history. train_run CELLS_FILES -- JVM_OPTIONS.
train_run() {
    local files=()
    while [ "$1" != -- ]; do files+=("$1"); shift; done
    shift
    rm -rf "$train/sealbook-project" "$archive"
    # The outer subshell reports a JVM that crashed ("Aborted") into the log, not onto the terminal.
    ( (cd "$train" && JUPYTER_DATA_DIR="$train/jupyter" "$java_cmd" "${opts[@]}" "$@" -cp "$spec_dir/lib/*" \
        org.sealbook.kernel.Main --warm-up "${files[@]}") ) >>"$work/warm-up.log" 2>&1
}
train_with() {
    if [ "$java_major" -ge 25 ]; then
        train_run "$@" -- -XX:AOTCacheOutput="$archive"
    elif [ "$java_major" -ge 24 ]; then
        train_run "$@" -- -XX:AOTMode=record -XX:AOTConfiguration="$work/sealbook.aotconf" \
            && "$java_cmd" "${opts[@]}" -XX:AOTMode=create -XX:AOTConfiguration="$work/sealbook.aotconf" \
                -XX:AOTCache="$archive" -cp "$spec_dir/lib/*" >>"$work/warm-up.log" 2>&1
    else
        train_run "$@" -- -XX:ArchiveClassesAtExit="$archive" -Xlog:disable
    fi
}
echo "Training the kernel's start-up $archive_kind on a first session's cells (about a minute)..."
# The stages train only the ahead-of-time cache: JDK 17's dynamic class-data-sharing dump crashed (SIGSEGV) every
# time after they ran, and the plain cells alone give that archive most of its gain.
cells=("$ROOT/install/warm-up-cells.txt")
[ "$java_major" -lt 24 ] || cells+=("$ROOT/install/warm-up-stages.txt")
trained=false
if train_with "${cells[@]}" && [ -s "$archive" ]; then
    trained=true
elif [ ${#cells[@]} -gt 1 ]; then
    echo "install.sh: the training run with the toolkit's stages failed; training again on the plain Java cells alone (log: the end of this output if that fails too)." >&2
    train_with "$ROOT/install/warm-up-cells.txt" && trained=true
fi
if $trained && [ -s "$archive" ]; then
    sed -i "s|\"-cp\"|$(json_string "$archive_use"), \"-cp\"|" "$spec_dir/kernel.json"
else
    rm -f "$archive"
    echo "install.sh: the kernel's training run failed, so it starts without a $archive_kind (slower, otherwise the same); its log:" >&2
    tail -n 20 "$work/warm-up.log" >&2
fi

echo "Installed the Sealbook kernel '$KERNEL_NAME' (Java $java_version at $java_cmd) in $spec_dir."
if [ "$mode" = --prefix ]; then
    echo "If Jupyter does not look in $share already, tell it to: export JUPYTER_PATH=$share"
fi
echo "Start it with 'jupyter lab' (choose \"$display_name\") or 'jupyter console --kernel $KERNEL_NAME'."
