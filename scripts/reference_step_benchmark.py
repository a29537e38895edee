"""Times denoise steps of the reference FLUX implementation on the CPU, beside the local engine's FillBenchmark.

Not a test. Builds the reference's Flux transformer with random fp32 weights in the benchmark's shapes (`mid`:
hidden 1024, 2 + 4 blocks, about 145 M parameters; `tiny`: the flux-tiny-a shapes), runs the reference's own
`denoise` loop on random inputs, and prints `name value unit` lines:
    reference.s_per_step            mean of steps 2..N (step 1 warms up, as the engine's first step does)
    reference.steps_peak_rss_mib    peak resident set from the end of step 1 to the end of the last step

    /usr/bin/python3 scripts/reference_step_benchmark.py --reference DIR [--model mid] [--size 256] [--steps 3]
        [--threads 2] [--max-sequence-length 128]

DIR is a writable copy of ../shared/tools/flux-reference with the reference's `src/` beside its scripts (see that
tool's README). Without python3's torch or without DIR the script says why and exits 0, so a machine that lacks them
still runs the engine's half of the benchmark.
"""
import argparse
import os
import sys
import time

MODELS = {
    # Same shapes as FillBenchmark's random snapshots (FluxParams in engine-local).
    "tiny": dict(vec_in_dim=16, context_in_dim=32, hidden_size=64, num_heads=2, depth=1, depth_single_blocks=1,
                 axes_dim=[8, 12, 12]),
    "mid": dict(vec_in_dim=64, context_in_dim=256, hidden_size=1024, num_heads=8, depth=2, depth_single_blocks=4,
                axes_dim=[16, 56, 56]),
}


def skip(why):
    print(f"# reference skipped: {why}")
    sys.exit(0)


def read_status_kib(field):
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def reset_peak_rss():
    """Linux: writing 5 to clear_refs resets VmHWM, so the peak read later covers only the timed steps."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def loaded_blas():
    """The BLAS/MKL libraries mapped into this process, resolved through Debian's alternatives symlinks."""
    found = set()
    try:
        with open("/proc/self/maps") as f:
            for line in f:
                path = line.split()[-1] if len(line.split()) >= 6 else ""
                name = os.path.basename(path).lower()
                if "blas" in name or "mkl" in name:
                    found.add(os.path.realpath(path))
    except OSError:
        pass
    return sorted(found)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reference", default=os.environ.get("MASKFILL_FLUX_REFERENCE", ""))
    ap.add_argument("--model", default="mid", choices=sorted(MODELS))
    ap.add_argument("--size", type=int, default=256)
    ap.add_argument("--steps", type=int, default=3)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--max-sequence-length", type=int, default=128)
    a = ap.parse_args()
    if a.steps < 2:
        skip("--steps must be at least 2 (the first step is a warm-up)")
    if not a.reference or not os.path.isfile(os.path.join(a.reference, "refshim.py")) \
            or not os.path.isdir(os.path.join(a.reference, "src", "flux")):
        skip("no reference folder (--reference DIR or MASKFILL_FLUX_REFERENCE: a copy of "
             "../shared/tools/flux-reference with the reference's src/ beside its scripts)")
    try:
        import torch  # noqa: F401
    except ImportError:
        skip(f"{sys.executable} has no torch (Debian: apt-get install python3-torch)")
    sys.path.insert(0, a.reference)
    import refshim  # noqa: F401  (must come before flux.*: fills in what torch 1.13 lacks)
    import torch
    from flux.model import Flux, FluxParams
    from flux.sampling import denoise, get_schedule

    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    params = FluxParams(in_channels=384, out_channels=64, mlp_ratio=4.0, theta=10_000, qkv_bias=True,
                        guidance_embed=True, **MODELS[a.model])
    model = Flux(params).float().eval()
    n_params = sum(p.numel() for p in model.parameters())

    # Packed latents: one token per 2x2 patch of the 1/8-scale latent; ids carry (0, row, column) as in the reference.
    side = a.size // 16
    seq = side * side
    img = torch.randn(1, seq, 64)
    img_cond = torch.randn(1, seq, 320)
    img_ids = torch.zeros(side, side, 3)
    img_ids[..., 1] = torch.arange(side)[:, None]
    img_ids[..., 2] = torch.arange(side)[None, :]
    img_ids = img_ids.reshape(1, seq, 3)
    txt = torch.randn(1, a.max_sequence_length, params.context_in_dim)
    txt_ids = torch.zeros(1, a.max_sequence_length, 3)
    vec = torch.randn(1, params.vec_in_dim)

    times = []
    peak_reset = [False]

    class Timed(torch.nn.Module):
        """Wraps the model so the reference's own denoise loop is what gets timed, one forward per step."""

        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, **kw):
            t0 = time.perf_counter()
            out = self.inner(**kw)
            times.append(time.perf_counter() - t0)
            if len(times) == 1:
                peak_reset[0] = reset_peak_rss()
            return out

    with torch.no_grad():
        denoise(Timed(model), img=img, img_ids=img_ids, txt=txt, txt_ids=txt_ids, vec=vec,
                timesteps=get_schedule(a.steps, seq, shift=True), guidance=30.0, img_cond=img_cond)
    peak_kib = read_status_kib("VmHWM")

    blas = loaded_blas()
    print(f"# reference: {a.model} model, {n_params / 1e6:.3g} M parameters, fp32, torch {torch.__version__}, "
          f"{torch.get_num_threads()} threads, {a.max_sequence_length} text tokens")
    print(f"# reference BLAS: {', '.join(blas) if blas else 'none found among the mapped libraries'}")
    if any("/blas/libblas.so" in p for p in blas):
        print("# reference BLAS is Debian's slow reference BLAS (libblas3): not a fair anchor; "
              "libopenblas0-openmp makes it the fast one")
    if not peak_reset[0]:
        print("# reference peak RSS covers the whole process (could not reset VmHWM)")
    timed = times[1:]
    print(f"reference.s_per_step {sum(timed) / len(timed):.4g} s")
    if peak_kib is not None:
        print(f"reference.steps_peak_rss_mib {peak_kib / 1024:.4g} MiB")


if __name__ == "__main__":
    main()
