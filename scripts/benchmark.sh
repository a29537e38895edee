#!/usr/bin/env bash
# Runs one of the benchmarks (plain mains in the test classes); each prints `name value unit` lines.
#   scripts/benchmark.sh mask                 brush dabs, undo size, feather, invert at 1 MP and 8K
#   xvfb-run -a scripts/benchmark.sh mask-fx  pointer event to overlay pixels in the real canvas at 8K
#   scripts/benchmark.sh mask-ops             grow / shrink / feather of an 8K mask (engine-api MaskOps)
#   scripts/benchmark.sh color-match          colour matching at the seam on a 40 MP photo (engine-api ColorMatch)
#   scripts/benchmark.sh local [options]      one fill through the local engine (see engine-local/README.md)
set -euo pipefail
cd "$(dirname "$0")/.."
which=${1:-}
shift || true
case "$which" in
    mask) module=app; main=com.maskfill.app.mask.MaskPaintingBenchmark ;;
    mask-fx) module=app; main=com.maskfill.app.mask.MaskOverlayFxBenchmark ;;
    mask-ops) module=engine-api; main=com.maskfill.engine.api.pipeline.MaskOpsBenchmark ;;
    color-match) module=engine-api; main=com.maskfill.engine.api.pipeline.ColorMatchBenchmark ;;
    local) module=engine-local; main=com.maskfill.engine.local.bench.FillBenchmark ;;
    *) echo "usage: scripts/benchmark.sh mask|mask-fx|mask-ops|color-match|local [options]" >&2; exit 2 ;;
esac
mvn -B -q -pl "$module" -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
classpath="$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench-classpath.txt")"
djl=()
if [ "$which" = local ]; then
    djl=(-Dai.djl.offline=true "-DDJL_CACHE_DIR=$module/target/djl-cache")
fi
exec java -Xmx8g "${djl[@]}" -cp "$classpath" "$main" "$@"
