#!/usr/bin/env bash
# Builds the custom-runtime package (provided.al2023) for this machine's architecture, from the Lambda jar:
#   runtime/   a jlinked Java 25 with only the modules the function needs
#   lib/       the Lambda jar and the runtime interface client
#   app.aot    the AOT cache of a training run (AotTraining: every route through the priming path, an upload, and the
#              runtime interface client serving an upload and a read, all against stand-ins on loopback)
#   jvm.args   the flags and class path that training and bootstrap share, so the cache matches the JVM
#   bootstrap  what Lambda executes
# zipped as target/<artifact>-custom-runtime-<x86_64|arm64>.zip. JDK 25 comes from JAVA25_HOME, else the first
# JDK 25 under /usr/lib/jvm; without one the package is not built, unless REQUIRE_CUSTOM_RUNTIME=true.
#   build.sh SOURCE_DIR TARGET_DIR LAMBDA_JAR DEPENDENCY_DIR ZIP_NAME MODULES
set -euo pipefail
source_dir=$1 target=$2 lambda_jar=$3 dependencies=$4 zip_name=$5 modules=$6

is_jdk25() { [ -x "$1/bin/jlink" ] && grep -q '^JAVA_VERSION="25[."]' "$1/release" 2>/dev/null; }
jdk=""
if [ -n "${JAVA25_HOME:-}" ]; then
  is_jdk25 "$JAVA25_HOME" || { echo "custom runtime: JAVA25_HOME=$JAVA25_HOME is not a JDK 25 with jlink" >&2; exit 1; }
  jdk=$JAVA25_HOME
else
  for candidate in /usr/lib/jvm/*; do
    if is_jdk25 "$candidate"; then jdk=$candidate; break; fi
  done
fi
rm -f "$target"/*-custom-runtime-*.zip
if [ -z "$jdk" ]; then
  if [ "${REQUIRE_CUSTOM_RUNTIME:-false}" = true ]; then
    echo "custom runtime: no JDK 25 found (set JAVA25_HOME) and REQUIRE_CUSTOM_RUNTIME=true" >&2
    exit 1
  fi
  echo "custom runtime: no JDK 25 found (set JAVA25_HOME); the custom-runtime package is not built"
  exit 0
fi

case "$(uname -m)" in
  x86_64) arch=x86_64 jni_arch=x86_64 ;;
  aarch64 | arm64) arch=arm64 jni_arch=aarch_64 ;;
  *) echo "custom runtime: no Lambda architecture for $(uname -m)" >&2; exit 1 ;;
esac

package=$target/custom-runtime
rm -rf "$package"
mkdir -p "$package/lib"
cp "$lambda_jar" "$package/lib/function.jar"
cp "$dependencies"/*.jar "$package/lib/"
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --output "$package/runtime"
# Beside the JDK's roots, a trust store of only those that S3's and DynamoDB's default endpoints chain to
# (TrustedRoots.java says which, and where AWS says so), which bootstrap uses where that is documented: loading the
# JDK's 144 was 40 ms of the start.
"$jdk/bin/java" "$source_dir/TrustedRoots.java" "$package/runtime/lib/security/cacerts" \
  "$package/lib/aws-default-endpoint-roots.jks"
# The runtime interface client's JNI library, unpacked once here: without it the client copies it out of its jar
# to /tmp at every start. bootstrap names it with the client's NativeClient.JNI property.
ric_jar=$(ls "$package"/lib/aws-lambda-java-runtime-interface-client-*.jar)
(cd "$target" && rm -rf jni && "$jdk/bin/jar" xf "$ric_jar" "jni/libaws-lambda-jni.linux-$jni_arch.so")
mv "$target/jni/libaws-lambda-jni.linux-$jni_arch.so" "$package/lib/libaws-lambda-jni.so"
rm -rf "$target/jni"

class_path=$(cd "$package" && ls lib/*.jar | LC_ALL=C sort | paste -sd: -)
# Lambda's managed Java runtime starts the JVM with these flags (tiered C1 only, serial GC); the runtime interface
# client reads its stdout and stderr descriptors through java.io, hence the opening, and loads its JNI library.
# CompileThresholdScaling=10 lets a method run ten times as often before C1 compiles it: with the AOT cache, C1
# was most of the start's CPU (-XX:+CITime: 0.18-0.8 s of compiling before the first response, 0.07-0.10 s with it).
cat > "$package/jvm.args" <<ARGS
-XX:+TieredCompilation
-XX:TieredStopAtLevel=1
-XX:CompileThresholdScaling=10
-XX:+UseSerialGC
-XX:-UsePerfData
-XX:+ErrorFileToStderr
-Djava.net.preferIPv4Stack=true
--add-opens=java.base/java.io=ALL-UNNAMED
--enable-native-access=ALL-UNNAMED
-cp
$class_path
ARGS
# The training process serves the Runtime API, S3 and DynamoDB on one loopback port and starts the runtime
# interface client on it with the variables Lambda would give it, and the flags bootstrap derives from them at
# 1024 MB; exit status 3 means the port was taken, so another is tried, and a training that hangs is ended after
# 5 minutes.
status=3
for attempt in 1 2 3 4 5; do
  port=$((20000 + RANDOM % 40000))
  set +e
  (cd "$package" && env -i PATH="$PATH" AWS_LAMBDA_RUNTIME_API="127.0.0.1:$port" LAMBDA_TASK_ROOT="$PWD" \
    _HANDLER=dev.productupload.entrypoint.lambda.UploadHandler::handleRequest AWS_LAMBDA_FUNCTION_MEMORY_SIZE=1024 \
    AWS_REGION=us-east-1 BUCKET_NAME=aot-training TABLE_NAME=aot-training \
    AWS_ENDPOINT_URL_S3="http://127.0.0.1:$port" AWS_ENDPOINT_URL_DYNAMODB="http://127.0.0.1:$port" \
    AWS_ACCESS_KEY_ID=training AWS_SECRET_ACCESS_KEY=training \
    timeout 300 ./runtime/bin/java @jvm.args -XX:MaxRAM=1024m -Xmn64m \
    -Dcom.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI="$PWD/lib/libaws-lambda-jni.so" \
    -XX:AOTCacheOutput=app.aot dev.productupload.entrypoint.lambda.AotTraining \
    > ../custom-runtime-training.log 2>&1)
  status=$?
  set -e
  [ "$status" -eq 3 ] || break
done
[ "$status" -eq 0 ] || { cat "$target/custom-runtime-training.log" >&2; exit 1; }
cp "$source_dir/bootstrap" "$package/bootstrap"
chmod 755 "$package/bootstrap"

(cd "$package" && zip -q -r -X "../$zip_name-$arch.zip" .)
echo "custom runtime: $target/$zip_name-$arch.zip ($(du -sm "$package" | cut -f1) MB unzipped, JDK $jdk)"
