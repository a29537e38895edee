"""Independent oracle for the two text encoders FLUX uses, written from their published definitions (T5 v1.1
encoder: relative position buckets, no attention scaling, RMS norm, gated tanh-GELU; CLIP text model: causal
self-attention scaled by 1/sqrt(head dim), quick GELU, pre-layer norms, pooled at the end-of-text token), in plain
PyTorch (1.13, no `transformers`). Writes tiny random weights in Hugging Face key layout, their HF-style config.json
files, and the oracle's outputs (computed in float64, stored float32) for the Java encoders to match.

usage: python3 text_oracle.py OUT_DIR
"""
import json, math, os, struct, sys
import torch

OUT = sys.argv[1] if len(sys.argv) > 1 else "."
os.makedirs(OUT, exist_ok=True)
g = torch.Generator().manual_seed(20261121)


def rand(*shape, std=1.0, mean=0.0):
    return (torch.randn(*shape, generator=g, dtype=torch.float64) * std + mean).float()


def save(tensors, path):
    """safetensors: u64 header length, JSON header, raw little-endian data (F32 / I64 only here)."""
    header, blobs, off = {}, [], 0
    for name in sorted(tensors):
        t = tensors[name].contiguous()
        dtype = {torch.float32: "F32", torch.int64: "I64"}[t.dtype]
        raw = t.numpy().tobytes()
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [off, off + len(raw)]}
        blobs.append(raw)
        off += len(raw)
    hb = json.dumps(header, separators=(",", ":")).encode()
    hb += b" " * ((8 - len(hb) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(hb)))
        f.write(hb)
        for b in blobs:
            f.write(b)


# ---------------------------------------------------------------- T5 encoder
T5 = dict(d_model=16, d_kv=5, num_heads=3, num_layers=2, d_ff=24, relative_attention_num_buckets=32,
          relative_attention_max_distance=20, layer_norm_epsilon=1e-6, vocab_size=50,
          feed_forward_proj="gated-gelu")
d, dkv, nh, ff = T5["d_model"], T5["d_kv"], T5["num_heads"], T5["d_ff"]
inner = nh * dkv  # 15 != d_model: a mixed-up width cannot pass
t5w = {"shared.weight": rand(T5["vocab_size"], d),
       "encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight":
           rand(T5["relative_attention_num_buckets"], nh)}
for i in range(T5["num_layers"]):
    a, f = f"encoder.block.{i}.layer.0.", f"encoder.block.{i}.layer.1."
    t5w[a + "layer_norm.weight"] = rand(d, std=0.2, mean=1.0)
    for p in "qkv":
        t5w[a + f"SelfAttention.{p}.weight"] = rand(inner, d, std=0.4)
    t5w[a + "SelfAttention.o.weight"] = rand(d, inner, std=0.4)
    t5w[f + "layer_norm.weight"] = rand(d, std=0.2, mean=1.0)
    t5w[f + "DenseReluDense.wi_0.weight"] = rand(ff, d, std=0.4)
    t5w[f + "DenseReluDense.wi_1.weight"] = rand(ff, d, std=0.4)
    t5w[f + "DenseReluDense.wo.weight"] = rand(d, ff, std=0.4)
t5w["encoder.final_layer_norm.weight"] = rand(d, std=0.2, mean=1.0)


def t5_bucket(offset, buckets, max_distance):
    """Bidirectional bucket of a key-minus-query offset, as a scalar Python function (float32 log like torch)."""
    half = buckets // 2
    base = half if offset > 0 else 0
    dist = abs(offset)
    exact = half // 2
    if dist < exact:
        return base + dist
    ratio = torch.tensor(dist, dtype=torch.float32) / exact
    large = exact + int(torch.log(ratio) / math.log(max_distance / exact) * (half - exact))
    return base + min(large, half - 1)


def rms(x, w, eps):
    return w * (x / torch.sqrt((x * x).mean(-1, keepdim=True) + eps))


def gelu_tanh(x):
    return 0.5 * x * (1 + torch.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3)))


def t5_encode(ids):
    w = {k: v.double() for k, v in t5w.items()}
    n = len(ids)
    x = w["shared.weight"][torch.tensor(ids)]
    table = torch.tensor([[t5_bucket(k - q, T5["relative_attention_num_buckets"], T5["relative_attention_max_distance"])
                           for k in range(n)] for q in range(n)])
    bias = w["encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight"][table].permute(2, 0, 1)  # H,L,L
    eps = T5["layer_norm_epsilon"]
    for i in range(T5["num_layers"]):
        a, f = f"encoder.block.{i}.layer.0.", f"encoder.block.{i}.layer.1."
        h = rms(x, w[a + "layer_norm.weight"], eps)
        q, k, v = (torch.stack([(h @ w[a + f"SelfAttention.{p}.weight"].T)[:, j * dkv:(j + 1) * dkv]
                                for j in range(nh)]) for p in "qkv")  # H,L,dkv
        scores = q @ k.transpose(1, 2) + bias  # T5: no 1/sqrt(d) scaling
        att = torch.softmax(scores, -1) @ v
        x = x + torch.cat(list(att), -1) @ w[a + "SelfAttention.o.weight"].T
        h = rms(x, w[f + "layer_norm.weight"], eps)
        gated = gelu_tanh(h @ w[f + "DenseReluDense.wi_0.weight"].T) * (h @ w[f + "DenseReluDense.wi_1.weight"].T)
        x = x + gated @ w[f + "DenseReluDense.wo.weight"].T
    return rms(x, w["encoder.final_layer_norm.weight"], eps).float().unsqueeze(0)


# ---------------------------------------------------------------- CLIP text model
CLIP = dict(hidden_size=24, num_attention_heads=3, num_hidden_layers=2, intermediate_size=40,
            max_position_embeddings=16, layer_norm_eps=1e-5, vocab_size=30, bos_token_id=28, eos_token_id=29,
            hidden_act="quick_gelu")
hd, ch, ci = CLIP["hidden_size"], CLIP["num_attention_heads"], CLIP["intermediate_size"]
P = "text_model."
clw = {P + "embeddings.token_embedding.weight": rand(CLIP["vocab_size"], hd),
       P + "embeddings.position_embedding.weight": rand(CLIP["max_position_embeddings"], hd, std=0.5)}


def lin(name, out, inp):
    clw[name + ".weight"] = rand(out, inp, std=0.4)
    clw[name + ".bias"] = rand(out, std=0.1)


def ln(name):
    clw[name + ".weight"] = rand(hd, std=0.2, mean=1.0)
    clw[name + ".bias"] = rand(hd, std=0.1)


for i in range(CLIP["num_hidden_layers"]):
    l = P + f"encoder.layers.{i}."
    ln(l + "layer_norm1")
    for p in ("q_proj", "k_proj", "v_proj", "out_proj"):
        lin(l + "self_attn." + p, hd, hd)
    ln(l + "layer_norm2")
    lin(l + "mlp.fc1", ci, hd)
    lin(l + "mlp.fc2", hd, ci)
ln(P + "final_layer_norm")


def layer_norm(x, w, b, eps):
    mu = x.mean(-1, keepdim=True)
    var = ((x - mu) ** 2).mean(-1, keepdim=True)
    return (x - mu) / torch.sqrt(var + eps) * w + b


def clip_encode(ids):
    """(last hidden state (1, L, hidden), pooled (1, hidden)); pooled at the first end-of-text token."""
    w = {k: v.double() for k, v in clw.items()}
    n, head = len(ids), hd // ch
    eps = CLIP["layer_norm_eps"]
    x = w[P + "embeddings.token_embedding.weight"][torch.tensor(ids)] + w[P + "embeddings.position_embedding.weight"][:n]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool), 1)
    for i in range(CLIP["num_hidden_layers"]):
        l = P + f"encoder.layers.{i}."
        h = layer_norm(x, w[l + "layer_norm1.weight"], w[l + "layer_norm1.bias"], eps)
        proj = lambda p, t: t @ w[l + f"self_attn.{p}.weight"].T + w[l + f"self_attn.{p}.bias"]
        q, k, v = (torch.stack(proj(p, h).split(head, -1)) for p in ("q_proj", "k_proj", "v_proj"))
        scores = (q @ k.transpose(1, 2)) / math.sqrt(head)
        scores = scores.masked_fill(future, float("-inf"))
        att = torch.cat(list(torch.softmax(scores, -1) @ v), -1)
        x = x + proj("out_proj", att)
        h = layer_norm(x, w[l + "layer_norm2.weight"], w[l + "layer_norm2.bias"], eps)
        m = h @ w[l + "mlp.fc1.weight"].T + w[l + "mlp.fc1.bias"]
        m = m * torch.sigmoid(1.702 * m)
        x = x + m @ w[l + "mlp.fc2.weight"].T + w[l + "mlp.fc2.bias"]
    x = layer_norm(x, w[P + "final_layer_norm.weight"], w[P + "final_layer_norm.bias"], eps)
    eot = ids.index(CLIP["eos_token_id"])
    return x.float().unsqueeze(0), x[eot].float().unsqueeze(0)


# ---------------------------------------------------------------- cases
t5_cases = [
    [7, 23, 4, 41, 1, 0, 0],                                  # short prompt, </s> = 1, pad = 0 (FLUX pads, no mask)
    [(i * 17 + 5) % 50 for i in range(39)] + [1],             # 40 tokens: offsets past max_distance 20 hit the cap
]
bos, eos = CLIP["bos_token_id"], CLIP["eos_token_id"]
clip_cases = [
    [bos, 3, 17, 9, eos] + [eos] * 11,                        # padded with end-of-text: pooled at the first one
    [bos] + [(i * 7 + 2) % 28 for i in range(14)] + [eos],    # full 16 positions, no padding
]
out = {}
for i, ids in enumerate(t5_cases):
    out[f"t5.ids.{i}"] = torch.tensor([ids], dtype=torch.int64)
    out[f"t5.hidden.{i}"] = t5_encode(ids)
for i, ids in enumerate(clip_cases):
    _, pooled = clip_encode(ids)
    out[f"clip.ids.{i}"] = torch.tensor([ids], dtype=torch.int64)
    out[f"clip.pooled.{i}"] = pooled
save(t5w, f"{OUT}/t5-tiny.safetensors")
save(clw, f"{OUT}/clip-tiny.safetensors")
save(out, f"{OUT}/outputs.safetensors")
json.dump(T5, open(f"{OUT}/t5-config.json", "w"), indent=1)
json.dump(CLIP, open(f"{OUT}/clip-config.json", "w"), indent=1)
for k, v in out.items():
    if v.dtype == torch.float32:
        print(k, tuple(v.shape), "rms %.3f" % float(v.pow(2).mean().sqrt()))
print("T5 buckets used:", sorted({t5_bucket(o, 32, 20) for o in range(-39, 40)}))
