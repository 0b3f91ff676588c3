"""Trains QSLM's reference SpikeGPT models on a CUDA GPU (PyTorch), for the machines that have one.

The network is the one of src/QSLM.Model (SpikeGPT, Zhu et al. arXiv:2302.13939, with RWKV-4 time-mix,
Peng et al. arXiv:2305.13048): same state-dict names, initialisation, LIF (tau 2, threshold 1, hard
reset, ATan surrogate alpha 2) and WKV in float32. WKV runs parallel in time (a masked softmax over
the past, which equals RWKV-4's recurrence); the LIF runs as a loop over time with a hand-written
backward. The data are `qslm data export`'s files, so vocabulary ids, SST-2 tokenization and the
SST-2 hold-out are exactly those of `qslm train`. Before training, `--check` evaluates the bundled
models here and must reproduce `./qslm eval` (WikiText-2 test perplexity, SST-2 dev accuracy): that
is the proof that this mirror computes what the C# model computes.

Choices are made on validation data only: the LM checkpoint by WikiText-2 validation perplexity, the
classifier checkpoint by SST-2 hold-out accuracy (1,000 whole training sentences). SST-2 dev and
WikiText-2 test are reported, never used to choose.
"""
import argparse, json, math, os, random, sys, time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

TAU, THRESHOLD, ALPHA, EPS = 2.0, 1.0, 2.0, 1e-5


def surrogate(x):
    return (ALPHA / 2) / (1 + (math.pi / 2 * ALPHA * x) ** 2)


class Spike(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return (x >= 0).to(x.dtype)

    @staticmethod
    def backward(ctx, g):
        (x,) = ctx.saved_tensors
        return g * surrogate(x)


def lif_reference(x, m):
    """SpikingJelly's MultiStepLIFNode as SpikeGPT configures it, through autograd (the oracle)."""
    out = []
    for t in range(x.shape[1]):
        h = m + (x[:, t] - m) / TAU
        s = Spike.apply(h - THRESHOLD)
        m = h * (1 - s.detach())
        out.append(s)
    return torch.stack(out, 1), m


class Lif(torch.autograd.Function):
    """The same neuron with its backward written out: d h_t/d m_{t-1} = 1 - 1/tau, d h_t/d x_t = 1/tau,
    d m_t/d h_t = 1 - s_t (the reset is detached), d s_t/d h_t = ATan surrogate."""

    @staticmethod
    def forward(ctx, x, m0):
        T = x.shape[1]
        hs = torch.empty_like(x)
        m = m0
        for t in range(T):
            h = m + (x[:, t] - m) / TAU
            hs[:, t] = h
            m = h * (h < THRESHOLD).to(h.dtype)
        spikes = (hs >= THRESHOLD).to(x.dtype)
        ctx.save_for_backward(hs)
        return spikes, m

    @staticmethod
    def backward(ctx, gs, gm):
        (hs,) = ctx.saved_tensors
        T = hs.shape[1]
        keep = (hs < THRESHOLD).to(hs.dtype)
        sg = surrogate(hs - THRESHOLD)
        gx = torch.empty_like(hs)
        gm_next = gm if gm is not None else torch.zeros_like(hs[:, 0])
        for t in range(T - 1, -1, -1):
            gh = gs[:, t] * sg[:, t] + gm_next * keep[:, t]
            gx[:, t] = gh / TAU
            gm_next = gh * (1 - 1 / TAU)
        return gx, gm_next


def lif(x, m):
    return Lif.apply(x, m)


def wkv_parallel(w, u, k, v, num, den, p):
    """RWKV-4 WKV over (B, T, C) in float32 from the state (num, den, p), which represents
    A = num * e^p and B = den * e^p. Output t is sum_i e^{s_ti} v_i / sum_i e^{s_ti} over the past
    (s = k_i + (t-1-i) w), the current token (s = u + k_t) and the carried state (s = log B + t w,
    value A / B): a softmax over i. Returns y (B, T, C) and the state after the last token."""
    B, T, C = k.shape
    kT, vT = k.transpose(1, 2), v.transpose(1, 2)  # B C T
    tt = torch.arange(T, device=k.device, dtype=torch.float32)
    dist = tt[:, None] - 1 - tt[None, :]  # t-1-i
    S = kT[:, :, None, :] + w[None, :, None, None] * dist
    upper = (tt[None, :] > tt[:, None])
    eye = torch.eye(T, device=k.device)
    S = S + eye * (u + w)[None, :, None, None]
    S = S.masked_fill(upper, float("-inf"))
    num, den, p = num.detach(), den.detach(), p.detach()
    has = den > 0
    s0 = torch.where(has, p + torch.log(torch.where(has, den, torch.ones_like(den))), torch.full_like(den, float("-inf")))
    val0 = torch.where(has, num / torch.where(has, den, torch.ones_like(den)), torch.zeros_like(num))
    V0 = s0[:, :, None] + w[None, :, None] * tt[None, None, :]
    full = torch.cat([V0[..., None], S], -1)
    P = torch.softmax(full, -1)
    vals = torch.cat([val0[:, :, None], vT], -1)  # B C T+1
    y = torch.einsum("bcti,bci->bct", P, vals).transpose(1, 2)
    sf = torch.cat([(s0 + w * T)[:, :, None], kT + w[None, :, None] * (T - 1 - tt)], -1)
    m = sf.max(-1).values
    e = torch.exp(sf - m[..., None])
    return y, ((e * vals).sum(-1), e.sum(-1), m)


def wkv_recurrent(w, u, k, v, num, den, p):
    """The C# model's WkvStep loop (the reference CUDA kernel's body), as the oracle."""
    ys = []
    for t in range(k.shape[1]):
        kt, vt = k[:, t], v[:, t]
        ww = u + kt
        q = torch.maximum(p, ww)
        e1, e2 = torch.exp(p - q), torch.exp(ww - q)
        ys.append((e1 * num + e2 * vt) / (e1 * den + e2))
        ww = w + p
        q = torch.maximum(ww, kt)
        e1, e2 = torch.exp(ww - q), torch.exp(kt - q)
        num, den, p = e1 * num + e2 * vt, e1 * den + e2, q
    return torch.stack(ys, 1), (num, den, p)


class TimeMix(nn.Module):
    def __init__(self, layer, layers, C):
        super().__init__()
        r01 = layer / (layers - 1) if layers > 1 else 0.0
        r10 = 1.0 - layer / layers
        pos = torch.arange(C, dtype=torch.float32) / C
        decay = (torch.arange(C, dtype=torch.float32) / max(1, C - 1)) ** (0.7 + 1.3 * r01) * 8 - 5
        zigzag = ((torch.arange(C) + 1) % 3 - 1).float() * 0.5
        self.time_decay = nn.Parameter(decay)
        self.time_first = nn.Parameter(torch.ones(C) * math.log(0.3) + zigzag)
        self.time_mix_k = nn.Parameter((pos ** r10).reshape(1, 1, C))
        self.time_mix_v = nn.Parameter((pos ** r10 + 0.3 * r01).reshape(1, 1, C))
        self.time_mix_r = nn.Parameter((pos ** (0.5 * r10)).reshape(1, 1, C))
        self.key = nn.Linear(C, C, bias=False)
        self.value = nn.Linear(C, C, bias=False)
        self.receptance = nn.Linear(C, C, bias=False)
        self.output = nn.Linear(C, C, bias=False)

    def forward(self, x, shift, num, den, p, wkv=wkv_parallel):
        prev = torch.cat([shift[:, None], x[:, :-1]], 1)
        mix = lambda m: x * m + prev * (1 - m)
        k = self.key(mix(self.time_mix_k)).float()
        v = self.value(mix(self.time_mix_v)).float()
        r = self.receptance(mix(self.time_mix_r))
        y, state = wkv(-torch.exp(self.time_decay.float()), self.time_first.float(), k, v, num, den, p)
        return self.output(torch.sigmoid(r) * y.to(x.dtype)), x[:, -1], state


class ChannelMix(nn.Module):
    def __init__(self, layer, layers, C):
        super().__init__()
        r10 = 1.0 - layer / layers
        pos = torch.arange(C, dtype=torch.float32) / C
        self.time_mix_k = nn.Parameter((pos ** r10).reshape(1, 1, C))
        self.time_mix_r = nn.Parameter((pos ** r10).reshape(1, 1, C))
        self.key = nn.Linear(C, 4 * C, bias=False)
        self.receptance = nn.Linear(C, C, bias=False)
        self.value = nn.Linear(4 * C, C, bias=False)

    def forward(self, x, shift):
        prev = torch.cat([shift[:, None], x[:, :-1]], 1)
        xk = x * self.time_mix_k + prev * (1 - self.time_mix_k)
        xr = x * self.time_mix_r + prev * (1 - self.time_mix_r)
        return torch.sigmoid(self.receptance(xr)) * self.value(torch.relu(self.key(xk)) ** 2), x[:, -1]


class Block(nn.Module):
    def __init__(self, layer, layers, C):
        super().__init__()
        self.ln1 = nn.LayerNorm(C, eps=EPS)
        self.ln2 = nn.LayerNorm(C, eps=EPS)
        if layer == 0:
            self.ln0 = nn.LayerNorm(C, eps=EPS)
        self.att = TimeMix(layer, layers, C)
        self.ffn = ChannelMix(layer, layers, C)

    def forward(self, x, st, drop, wkv, lif_fn):
        a_shift, num, den, p, f_shift, a_m, f_m = st
        if hasattr(self, "ln0"):
            x = self.ln0(x)
        a, a_shift, (num, den, p) = self.att(self.ln1(x), a_shift, num, den, p, wkv)
        s, a_m = lif_fn(a, a_m)
        x = x + F.dropout(s, drop, self.training)
        f, f_shift = self.ffn(self.ln2(x), f_shift)
        s, f_m = lif_fn(f, f_m)
        x = x + F.dropout(s, drop, self.training)
        return x, (a_shift, num, den, p, f_shift, a_m, f_m)


class SpikeGpt(nn.Module):
    def __init__(self, layers, C, V, lm_head=True, classes=0):
        super().__init__()
        self.layers, self.C = layers, C
        self.emb = nn.Embedding(V, C)
        self.blocks = nn.ModuleList(Block(i, layers, C) for i in range(layers))
        self.ln_out = nn.LayerNorm(C, eps=EPS)
        if lm_head:
            self.head = nn.Linear(C, V, bias=False)
        if classes:
            self.cls = nn.Linear(C, classes, bias=True)
        with torch.no_grad():
            self.emb.weight.uniform_(-1e-4, 1e-4)

    def initial_state(self, B, device):
        z = lambda: torch.zeros(B, self.C, device=device)
        return [(z(), z(), z(), torch.full((B, self.C), -1e38, device=device), z(), z(), z()) for _ in self.blocks]

    def forward(self, idx, state=None, drop=0.0, wkv=wkv_parallel, lif_fn=lif):
        state = state or self.initial_state(idx.shape[0], idx.device)
        x = Spike.apply(self.emb(idx))
        nxt = []
        for b, st in zip(self.blocks, state):
            x, st = b(x, st, drop, wkv, lif_fn)
            nxt.append(st)
        return self.ln_out(x), nxt

    def class_logits(self, feats, drop=0.0):
        pooled = feats.mean(1)
        return self.cls(F.dropout(pooled, drop, self.training))


def detach(state):
    return [tuple(t.detach() for t in st) for st in state]


# ---------------------------------------------------------------- data (qslm data export)
def load_data(d):
    man = json.load(open(os.path.join(d, "manifest.json")))
    ids = {s: np.fromfile(os.path.join(d, f"wikitext-2.{s}.i32"), dtype="<i4").astype(np.int64) for s in ("train", "valid", "test")}
    sst = {}
    for s in ("train", "holdout", "dev"):
        rows = []
        for line in open(os.path.join(d, f"sst2.{s}.tsv"), encoding="utf-8"):
            label, toks = line.rstrip("\n").split("\t")
            rows.append((int(label), [int(t) for t in toks.split(" ")]))
        sst[s] = rows
    return man, ids, sst


def length_batches(rows, size):
    by_len = {}
    for i, (_, toks) in enumerate(rows):
        by_len.setdefault(len(toks), []).append(i)
    out = []
    for L in sorted(by_len):
        idx = by_len[L]
        out += [idx[j:j + size] for j in range(0, len(idx), size)]
    return out


def batch_tensors(rows, idx, dev):
    return (torch.tensor([rows[i][1] for i in idx], device=dev), torch.tensor([rows[i][0] for i in idx], device=dev))


# ---------------------------------------------------------------- evaluation (mirrors src/QSLM.Model/Evaluation)
@torch.no_grad()
def perplexity(model, tokens, eos, dev, streams=16, chunk=128):
    model.eval()
    n = len(tokens)
    seg = (n + streams - 1) // streams
    inp = np.full(streams * seg, eos, dtype=np.int64)
    tgt = np.full(streams * seg, eos, dtype=np.int64)
    mask = np.zeros(streams * seg, dtype=np.float64)
    for s in range(streams):
        lo, hi = s * seg, min(n, (s + 1) * seg)
        if lo >= hi:
            continue
        tgt[lo:hi] = tokens[lo:hi]
        inp[lo + 1:hi] = tokens[lo:hi - 1]
        mask[lo:hi] = 1
    inp, tgt, mask = (torch.tensor(a, device=dev).reshape(streams, seg) for a in (inp, tgt, mask))
    state, nll = None, 0.0
    for start in range(0, seg, chunk):
        feats, state = model(inp[:, start:start + chunk], state)
        lp = torch.log_softmax(model.head(feats).float(), -1).gather(-1, tgt[:, start:start + chunk, None]).squeeze(-1)
        nll -= (lp.double() * mask[:, start:start + chunk]).sum().item()
    return math.exp(nll / n)


@torch.no_grad()
def accuracy(model, rows, dev):
    model.eval()
    correct = 0
    for idx in length_batches(rows, 64):
        x, y = batch_tensors(rows, idx, dev)
        feats, _ = model(x)
        correct += (model.class_logits(feats).argmax(-1) == y).sum().item()
    return correct / len(rows)


# ---------------------------------------------------------------- checkpoints (safetensors, reference names)
def save(model, path, skip=()):
    from safetensors.torch import save_file
    sd = {k: v.detach().to(torch.float16).cpu().contiguous() for k, v in model.state_dict().items() if k not in skip}
    save_file(sd, path)


def load_bundled(lm_path, cls_path, dev):
    from safetensors.torch import load_file
    lm_sd = load_file(lm_path)
    V, C = lm_sd["emb.weight"].shape
    L = len({k.split(".")[1] for k in lm_sd if k.startswith("blocks.")})
    lm = SpikeGpt(L, C, V).to(dev)
    lm.load_state_dict({k: v.float() for k, v in lm_sd.items()}, strict=True)
    cls_sd = load_file(cls_path)
    cls_sd["emb.weight"] = lm_sd["emb.weight"]
    clf = SpikeGpt(L, C, V, lm_head=False, classes=2).to(dev)
    clf.load_state_dict({k: v.float() for k, v in cls_sd.items()}, strict=True)
    return lm, clf


def lr_at(step, total, peak, warmup=100):
    if step < warmup:
        return peak * (step + 1) / warmup
    prog = min(1.0, max(0.0, (step - warmup) / max(1, total - warmup)))
    return peak / 10 + (peak - peak / 10) * 0.5 * (1 + math.cos(math.pi * prog))


def log(out, msg):
    line = f"[{time.strftime('%H:%M:%S')}] {msg}"
    print(line, flush=True)
    with open(os.path.join(out, "log.txt"), "a") as f:
        f.write(line + "\n")


# ---------------------------------------------------------------- self-check of the fast paths against their oracles
def self_check(dev, out):
    torch.manual_seed(0)
    B, T, C = 3, 37, 16
    x = (torch.randn(B, T, C, device=dev) * 1.5 + 0.8).requires_grad_()
    m0 = torch.rand(B, C, device=dev) * 0.5
    s1, m1 = lif_reference(x, m0)
    ((s1 * torch.arange(T, device=dev)[None, :, None]).sum() + m1.sum()).backward()
    g1 = x.grad.clone(); x.grad = None
    s2, m2 = lif(x, m0)
    ((s2 * torch.arange(T, device=dev)[None, :, None]).sum() + m2.sum()).backward()
    g2 = x.grad.clone()
    assert torch.equal(s1, s2) and torch.allclose(m1, m2), "LIF forward differs from its oracle"
    assert torch.allclose(g1, g2, rtol=1e-5, atol=1e-6), f"LIF backward differs: {(g1 - g2).abs().max()}"
    w = -torch.exp(torch.randn(C, device=dev))
    u = torch.randn(C, device=dev)
    k, v = torch.randn(B, T, C, device=dev) * 3, torch.randn(B, T, C, device=dev)
    st0 = (torch.zeros(B, C, device=dev), torch.zeros(B, C, device=dev), torch.full((B, C), -1e38, device=dev))
    y1, st1 = wkv_recurrent(w, u, k, v, *st0)
    y2, st2 = wkv_parallel(w, u, k, v, *st0)
    y1b, _ = wkv_recurrent(w, u, k[:, :5], v[:, :5], *st1)
    y2b, _ = wkv_parallel(w, u, k[:, :5], v[:, :5], *st2)
    err = max((y1 - y2).abs().max().item(), (y1b - y2b).abs().max().item())
    assert err < 1e-4, f"parallel WKV differs from the recurrence by {err}"
    log(out, f"self-check passed: LIF backward max diff {(g1 - g2).abs().max().item():.2e}, WKV max diff {err:.2e}")


# ---------------------------------------------------------------- training
def train_lm(a, man, ids, sst, dev, out):
    torch.manual_seed(a.seed)
    V = man["vocabulary_size"]
    model = SpikeGpt(a.layers, a.width, V, lm_head=True, classes=2 if a.mtl > 0 else 0).to(dev)
    if a.init:
        from safetensors.torch import load_file
        missing, unexpected = model.load_state_dict({k: v.float() for k, v in load_file(a.init).items()}, strict=False)
        assert not unexpected and all(k.startswith("cls.") for k in missing), (missing, unexpected)
        a.init_valid_ppl = perplexity(model, ids["valid"], man["eos"], dev)
        log(out, f"initialised from {a.init}: valid ppl {a.init_valid_ppl:.2f}")
    opt = torch.optim.Adam(model.parameters(), lr=a.lm_lr, betas=(0.9, 0.99))
    train = torch.tensor(ids["train"], device=dev)
    cols = len(train) // a.batch
    data = train[: cols * a.batch].reshape(a.batch, cols)
    spe = (cols - 1) // a.length
    valid = ids["valid"][:20000]
    batches = length_batches(sst["train"], 128)
    rng = random.Random(a.seed)
    total, step, state, best = a.lm_max_steps, 0, None, float("inf")
    t0 = time.time()
    while step < total:
        model.train()
        pos = step % spe * a.length
        if pos == 0 or state is None:
            state = model.initial_state(a.batch, dev)
        for g in opt.param_groups:
            g["lr"] = lr_at(step, total, a.lm_lr)
        feats, nxt = model(data[:, pos:pos + a.length], state, drop=a.dropout)
        logits = model.head(F.dropout(feats, a.dropout, True))
        loss = F.cross_entropy(logits.reshape(-1, V), data[:, pos + 1:pos + 1 + a.length].reshape(-1))
        total_loss = loss
        if a.mtl > 0:
            xs, ys = batch_tensors(sst["train"], rng.choice(batches), dev)
            f2, _ = model(xs, drop=a.dropout)
            total_loss = loss + a.mtl * F.cross_entropy(model.class_logits(f2, 0.2), ys)
        opt.zero_grad(set_to_none=True)
        total_loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        state = detach(nxt)
        step += 1
        if step == 30:
            per = (time.time() - t0) / 30
            total = min(a.lm_max_steps, max(200, int(a.lm_seconds / per)))
            log(out, f"{per * 1000:.0f} ms/step ({a.batch * a.length / per:,.0f} tokens/s): {total} steps = {total * a.batch * a.length / len(train):.1f} epochs")
        if step % a.eval_every == 0 or step == total:
            ppl = perplexity(model, valid, man["eos"], dev)
            if ppl < best:
                best = ppl
                torch.save(model.state_dict(), os.path.join(out, "lm-best.pt"))
            log(out, f"lm step {step}/{total}: loss {loss.item():.3f}, valid ppl (first 20k) {ppl:.1f}{' *' if ppl == best else ''}")
    model.load_state_dict(torch.load(os.path.join(out, "lm-best.pt")))
    return model, step, time.time() - t0


def finetune(a, lm, man, sst, dev, out):
    torch.manual_seed(a.seed)
    V = man["vocabulary_size"]
    model = SpikeGpt(a.layers, a.width, V, lm_head=False, classes=2).to(dev)
    src = lm.state_dict()
    tgt = model.state_dict()
    for k in tgt:
        if k in src and (not k.startswith("cls.") or a.mtl > 0):
            tgt[k].copy_(src[k])
    model.emb.weight.requires_grad_(False)
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.Adam(params, lr=a.ft_lr, betas=(0.9, 0.99))
    ema = {k: v.detach().clone() for k, v in model.state_dict().items()}
    batches = length_batches(sst["train"], 128)
    total, step, best, epoch = a.ft_max_steps, 0, -1.0, 0
    order = []
    t0 = time.time()
    while step < total:
        if not order:
            order = batches[:]
            random.Random(a.seed * 1000 + epoch).shuffle(order)
            epoch += 1
        model.train()
        for g in opt.param_groups:
            g["lr"] = lr_at(step, total, a.ft_lr)
        xs, ys = batch_tensors(sst["train"], order.pop(), dev)
        feats, _ = model(xs)
        loss = F.cross_entropy(model.class_logits(feats, 0.2), ys)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        step += 1
        d = min(0.995, (1 + step) / (10 + step))
        with torch.no_grad():
            for k, v in model.state_dict().items():
                if v.dtype.is_floating_point:
                    ema[k].mul_(d).add_(v.detach(), alpha=1 - d)
        if step == 30:
            per = (time.time() - t0) / 30
            total = min(a.ft_max_steps, max(300, int(a.ft_seconds / per)))
            log(out, f"fine-tuning: {per * 1000:.0f} ms/step, {total} steps")
        if step % 250 == 0 or step == total:
            live = {k: v.clone() for k, v in model.state_dict().items()}
            model.load_state_dict(ema)
            held = accuracy(model, sst["holdout"], dev)
            devacc = accuracy(model, sst["dev"], dev)
            if held > best:
                best = held
                torch.save(model.state_dict(), os.path.join(out, "cls-best.pt"))
            log(out, f"ft step {step}/{total}: loss {loss.item():.3f}, hold-out {held:.4f}{' *' if held == best else ''}, dev {devacc:.4f} (reported only)")
            model.load_state_dict(live)
    model.load_state_dict(torch.load(os.path.join(out, "cls-best.pt")))
    return model, best, step, time.time() - t0


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", required=True, help="folder written by `qslm data export`")
    p.add_argument("--out", required=True)
    p.add_argument("--check", nargs=2, metavar=("LM", "CLS"), help="bundled models to evaluate first (must match ./qslm eval)")
    p.add_argument("--check-only", action="store_true")
    p.add_argument("--layers", type=int, default=6)
    p.add_argument("--width", type=int, default=192)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--length", type=int, default=128)
    p.add_argument("--lm-lr", type=float, default=1e-3)
    p.add_argument("--lm-seconds", type=float, default=300)
    p.add_argument("--lm-max-steps", type=int, default=100000)
    p.add_argument("--eval-every", type=int, default=100)
    p.add_argument("--dropout", type=float, default=0.2)
    p.add_argument("--mtl", type=float, default=0.0, help="weight of an SST-2 (train split) loss added while pre-training")
    p.add_argument("--ft-lr", type=float, default=5e-4)
    p.add_argument("--ft-seconds", type=float, default=90)
    p.add_argument("--ft-max-steps", type=int, default=3000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--init", help="continue pre-training from this LM (safetensors) instead of a fresh initialisation")
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    dev = "cuda" if torch.cuda.is_available() else "cpu"
    torch.backends.cuda.matmul.allow_tf32 = False  # the C# model computes in float32
    log(out := a.out, f"{' '.join(sys.argv)} on {torch.cuda.get_device_name(0) if dev == 'cuda' else 'cpu'}, torch {torch.__version__}")
    man, ids, sst = load_data(a.data)
    self_check(dev, out)
    result = {"args": dict(vars(a))}
    if a.check:
        lm, clf = load_bundled(*a.check, dev)
        result["check_test_ppl"] = perplexity(lm, ids["test"], man["eos"], dev)
        result["check_dev_acc"] = accuracy(clf, sst["dev"], dev)
        log(out, f"bundled models here: WikiText-2 test ppl {result['check_test_ppl']:.2f}, SST-2 dev {result['check_dev_acc']:.4f}")
        del lm, clf
        if a.check_only:
            json.dump(result, open(os.path.join(out, "result.json"), "w"), indent=1)
            return
    lm, steps, secs = train_lm(a, man, ids, sst, dev, out)
    result.update(init_valid_ppl=getattr(a, "init_valid_ppl", None), lm_steps=steps, lm_seconds=secs, lm_tokens=steps * a.batch * a.length,
                  valid_ppl=perplexity(lm, ids["valid"], man["eos"], dev), test_ppl=perplexity(lm, ids["test"], man["eos"], dev))
    log(out, f"LM kept: valid ppl {result['valid_ppl']:.2f}, test ppl {result['test_ppl']:.2f} (reported only)")
    save(lm, os.path.join(out, "spikegpt-lm.safetensors"), skip=("cls.weight", "cls.bias"))
    clf, held, fsteps, fsecs = finetune(a, lm, man, sst, dev, out)
    result.update(ft_steps=fsteps, ft_seconds=fsecs, holdout_acc=held, dev_acc=accuracy(clf, sst["dev"], dev))
    log(out, f"classifier kept: hold-out {held:.4f}, dev {result['dev_acc']:.4f} (reported only)")
    save(clf, os.path.join(out, "spikegpt-sst2.safetensors"), skip=("emb.weight",))
    json.dump(result, open(os.path.join(out, "result.json"), "w"), indent=1)


if __name__ == "__main__":
    main()
