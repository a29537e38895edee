"""A tiny LoRA in the reference's own format for the flux-tiny-a transformer, and the reference fill with it.

Every nn.Linear of the tiny model becomes the reference's LinearLora (flux.modules.lora, via FluxLoraWrapper) with
rank 4, random lora_A, lora_B and lora_B.bias; the fill of flux-tiny-a (same image, mask, txt, vec, seed 42, 4 steps,
guidance 30, bf16 model, fp32 decode) runs again with the LoRA at scale 0.7.

Usage: python3 make_tiny_lora_reference.py FLUX_TINY_A_DIR OUT
Writes OUT/lora-tiny.safetensors (bf16, only the lora_* tensors) and OUT/reference.safetensors
(latent_out bf16, z_unpacked and decoded fp32)."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "src"))
import refshim  # noqa: F401  (must come first)
import json, torch
from safetensors.torch import save_file, load_file
from flux.model import FluxLoraWrapper, FluxParams
from flux.modules.autoencoder import AutoEncoder, AutoEncoderParams
from flux.modules.lora import LinearLora
from flux.sampling import get_noise, prepare_fill, get_schedule, denoise, unpack

SRC, OUT = sys.argv[1], sys.argv[2]
SCALE, RANK = 0.7, 4
os.makedirs(OUT, exist_ok=True)
cfg = json.load(open(f"{SRC}/config.json"))
P = FluxParams(**cfg["flux_params"])
A = AutoEncoderParams(**cfg["ae_params"])
torch.manual_seed(1)
model = FluxLoraWrapper(lora_rank=RANK, lora_scale=SCALE, params=P)
missing, unexpected = model.load_state_dict(load_file(f"{SRC}/flux-tiny.safetensors"), strict=False)
assert not unexpected and all(".lora_" in k for k in missing), (missing, unexpected)
with torch.no_grad():
    for module in model.modules():
        if isinstance(module, LinearLora):
            module.lora_A.weight.normal_(0, 0.15)
            module.lora_B.weight.normal_(0, 0.15)
            module.lora_B.bias.normal_(0, 0.05)
model = model.to(torch.bfloat16).eval()
lora = {k: v.contiguous() for k, v in model.state_dict().items() if ".lora_" in k}
save_file(lora, f"{OUT}/lora-tiny.safetensors")
ae = AutoEncoder(A).eval()
ae.load_state_dict(load_file(f"{SRC}/ae-tiny.safetensors"))
ref = load_file(f"{SRC}/reference.safetensors")
t5 = lambda prompts: ref["txt"]
clip = lambda prompts: ref["vec"]
H = W = 64
with torch.no_grad():
    x = get_noise(1, H, W, device=torch.device("cpu"), dtype=torch.bfloat16, seed=cfg["seed"])
    inp = prepare_fill(t5, clip, x, prompt="a tiny test", ae=ae, img_cond_path=f"{SRC}/image.png",
                       mask_path=f"{SRC}/mask.png")
    print("img equal", torch.equal(inp["img"], ref["img"]), "img_cond rel", float((inp["img_cond"].float() - ref["img_cond"].float()).norm() / ref["img_cond"].float().norm()), "txt", torch.equal(inp["txt"], ref["txt"]), "vec", torch.equal(inp["vec"], ref["vec"]))
    ts = get_schedule(cfg["steps"], inp["img"].shape[1], shift=True)
    lat = denoise(model, **inp, timesteps=ts, guidance=cfg["guidance"])
    z = unpack(lat.float(), H, W)
    img = ae.decode(z)
save_file({"latent_out": lat.contiguous(), "z_unpacked": z.contiguous(), "decoded": img.contiguous()},
          f"{OUT}/reference.safetensors")
print(len(lora), "lora tensors; latent vs the fill without the LoRA: rel",
      float((lat.float() - ref["latent_out"].float()).norm() / ref["latent_out"].float().norm()),
      "; decoded rel", float((img - ref["decoded"]).norm() / ref["decoded"].norm()))
