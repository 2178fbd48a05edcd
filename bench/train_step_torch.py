#!/usr/bin/python3
"""PyTorch mirror of TrainStepBench's plain step: the op list written by bench/train-step.sh
(OPS_JSON), forward in training mode (batch-statistic BatchNorm, raw Detect maps), loss =
sum of squares of the raw maps, backward, SGD. Prints ms/step. Usage:
  /usr/bin/python3 bench/train_step_torch.py OPS_JSON BATCH [STEPS=10] [THREADS=2]
"""
import json, sys, time
import torch
import torch.nn.functional as F


def act(x, a):
    return {"NONE": lambda t: t, "SILU": lambda t: t * torch.sigmoid(t), "RELU": F.relu,
            "SIGMOID": torch.sigmoid, "HARD_SIGMOID": lambda t: F.relu6(t + 3) / 6}[a](x)


def make_params(ops):
    p = {}
    def bn(name, c):
        p[name] = (torch.ones(c, requires_grad=True), torch.zeros(c, requires_grad=True), torch.zeros(c), torch.ones(c))
    for o in ops:
        if o["op"] == "Conv":
            w = torch.empty(o["cout"], o["cin"] // o["groups"], o["k"], o["k"]).uniform_(-0.1, 0.1).requires_grad_()
            p[o["name"] + ".weight"] = w
            if o["bias"]: p[o["name"] + ".bias"] = torch.zeros(o["cout"], requires_grad=True)
            if o["bn"]: bn(o["name"] + ".bn", o["cout"])
        elif o["op"] == "RepConv":
            per = o["cin"] // o["groups"]
            for i in range(o["branches"]):
                p[f'{o["name"]}.rep.{i}.weight'] = torch.empty(o["cout"], per, o["k"], o["k"]).uniform_(-0.1, 0.1).requires_grad_()
                bn(f'{o["name"]}.rep.{i}.bn', o["cout"])
            if o["scaleBranch"]:
                p[o["name"] + ".scale.weight"] = torch.empty(o["cout"], per, 1, 1).uniform_(-0.1, 0.1).requires_grad_()
                bn(o["name"] + ".scale.bn", o["cout"])
            if o["identityBranch"]: bn(o["name"] + ".skip.bn", o["cout"])
    return p


def batch_norm(x, b):
    g, beta, mean, var = b
    return F.batch_norm(x, mean, var, g, beta, True, 0.03, 1e-3)


def forward(ops, p, image):
    t = {0: image}
    for o in ops:
        k = o["op"]; ins = [t[i] for i in o["inputs"]]
        if k == "Conv":
            y = F.conv2d(ins[0], p[o["name"] + ".weight"], p.get(o["name"] + ".bias"), o["stride"], o["k"] // 2, 1, o["groups"])
            if o["bn"]: y = batch_norm(y, p[o["name"] + ".bn"])
            y = act(y, o["act"])
        elif k == "RepConv":
            n = o["name"]; terms = []
            for i in range(o["branches"]):
                terms.append(batch_norm(F.conv2d(ins[0], p[f"{n}.rep.{i}.weight"], None, o["stride"], o["k"] // 2, 1, o["groups"]), p[f"{n}.rep.{i}.bn"]))
            if o["scaleBranch"]:
                terms.append(batch_norm(F.conv2d(ins[0], p[n + ".scale.weight"], None, o["stride"], 0, 1, o["groups"]), p[n + ".scale.bn"]))
            if o["identityBranch"]: terms.append(batch_norm(ins[0], p[n + ".skip.bn"]))
            y = act(sum(terms), o["act"])
        elif k == "Pool":
            y = (F.max_pool2d(ins[0], o["k"], o["stride"], o["pad"]) if o["max"]
                 else F.avg_pool2d(ins[0], o["k"], o["stride"], o["pad"], False, True))
        elif k == "GlobalAvgPool": y = ins[0].mean((2, 3), keepdim=True)
        elif k == "Upsample": y = F.interpolate(ins[0], scale_factor=o["scale"], mode="nearest")
        elif k == "Concat": y = torch.cat(ins, 1)
        elif k == "Add": y = ins[0] + ins[1]
        elif k == "Mul": y = ins[0] * ins[1]
        elif k == "Slice": y = ins[0][:, o["from"]:o["to"]]
        elif k == "Shuffle":
            b, c, h, w = ins[0].shape
            y = ins[0].view(b, o["groups"], c // o["groups"], h, w).transpose(1, 2).reshape(b, c, h, w)
        elif k == "Activation": y = act(ins[0], o["act"])
        elif k == "Softmax": y = ins[0].softmax(1)
        elif k == "Attention":
            b, _, h, w = ins[0].shape; kd, hd, nh = o["keyDim"], o["headDim"], o["heads"]
            q, kk, v = ins[0].view(b, nh, 2 * kd + hd, h * w).split([kd, kd, hd], 2)
            if o["valuesOnly"]: y = v.reshape(b, nh * hd, h, w)
            else:
                attn = ((q.transpose(-2, -1) @ kk) * kd ** -0.5).softmax(-1)
                y = (v @ attn.transpose(-2, -1)).reshape(b, nh * hd, h, w)
        elif k == "Detect": return ins
        else: raise ValueError(k)
        t[o["output"]] = y


def main():
    doc = json.load(open(sys.argv[1])); batch = int(sys.argv[2])
    steps = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    torch.set_num_threads(int(sys.argv[4]) if len(sys.argv) > 4 else 2)
    torch.manual_seed(0)
    ops, s = doc["ops"], doc["imgsz"]
    p = make_params(ops)
    trainable = [v for v in p.values() if isinstance(v, torch.Tensor)] + [x for v in p.values() if isinstance(v, tuple) for x in v[:2]]
    x = torch.rand(batch, 3, s, s)
    warm = 3
    for i in range(warm + steps):
        if i == warm: start = time.perf_counter()
        loss = sum((m ** 2).sum() for m in forward(ops, p, x))
        loss.backward()
        with torch.no_grad():
            for w in trainable:
                w -= 1e-6 * w.grad
                w.grad = None
    ms = (time.perf_counter() - start) * 1000 / steps
    print(f"pytorch {torch.__version__} imgsz {s} batch {batch} threads {torch.get_num_threads()}: fwd+bwd(sum sq)+sgd {ms:.1f} ms")


if __name__ == "__main__":
    main()
