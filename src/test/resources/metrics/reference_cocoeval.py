# An independent pure-Python (no numpy) re-statement of pycocotools' COCOeval bbox logic
# (evaluateImg / accumulate / summarize), used to produce case*-expected.json:
#   python3 reference_cocoeval.py caseN-gt.json caseN-results.json > caseN-expected.json
# Prints the 12 summarize() stats as a JSON list. Means use Python's sum, so the last bits may differ
# from numpy's pairwise sum; compare with a 1e-12 tolerance.
import json, sys, bisect
gt = json.load(open(sys.argv[1])); res = json.load(open(sys.argv[2]))
eps = 2.0 ** -52
step = (0.95 - 0.5) / 9
iouThrs = [i * step + 0.5 for i in range(10)]; iouThrs[-1] = 0.95
recThrs = [i * 0.01 + 0.0 for i in range(101)]; recThrs[-1] = 1.0
maxDets = [1, 10, 100]
areaRng = [[0, 1e10], [0, 1024], [1024, 9216], [9216, 1e10]]
imgIds = sorted(im['id'] for im in gt['images'])
catIds = sorted(c['id'] for c in gt['categories'])
gts = {}; dts = {}
for a in gt['annotations']:
    g = dict(a); g['ignore'] = g.get('iscrowd', 0)
    gts.setdefault((g['image_id'], g['category_id']), []).append(g)
for i, r in enumerate(res):
    d = dict(r); d['area'] = d['bbox'][2] * d['bbox'][3]; d['id'] = i + 1; d['iscrowd'] = 0
    if d['category_id'] in catIds:
        dts.setdefault((d['image_id'], d['category_id']), []).append(d)
def iou(d, g, crowd):
    w = min(d[2] + d[0], g[2] + g[0]) - max(d[0], g[0])
    if w <= 0: return 0.0
    h = min(d[3] + d[1], g[3] + g[1]) - max(d[1], g[1])
    if h <= 0: return 0.0
    i = w * h; da = d[2] * d[3]; ga = g[2] * g[3]
    u = da if crowd else da + ga - i
    return i / u
def evaluateImg(img, cat, aRng, maxDet):
    g_ = gts.get((img, cat), []); d_ = dts.get((img, cat), [])
    if not g_ and not d_: return None
    gi = [1 if (g['ignore'] or g['area'] < aRng[0] or g['area'] > aRng[1]) else 0 for g in g_]
    order = sorted(range(len(g_)), key=lambda k: gi[k])
    g_ = [g_[k] for k in order]; gIg = [gi[k] for k in order]
    d_ = sorted(d_, key=lambda d: -d['score'])[:maxDet]
    T = len(iouThrs)
    gtm = [[0] * len(g_) for _ in range(T)]; dtm = [[0] * len(d_) for _ in range(T)]; dtIg = [[0] * len(d_) for _ in range(T)]
    if g_ and d_:
        for t, thr in enumerate(iouThrs):
            for di, d in enumerate(d_):
                best = min(thr, 1 - 1e-10); m = -1
                for gind, g in enumerate(g_):
                    if gtm[t][gind] > 0 and not g.get('iscrowd', 0): continue
                    if m > -1 and gIg[m] == 0 and gIg[gind] == 1: break
                    v = iou(d['bbox'], g['bbox'], g.get('iscrowd', 0))
                    if v < best: continue
                    best = v; m = gind
                if m == -1: continue
                dtIg[t][di] = gIg[m]; dtm[t][di] = g_[m]['id']; gtm[t][m] = d['id']
    for t in range(T):
        for di, d in enumerate(d_):
            if dtm[t][di] == 0 and (d['area'] < aRng[0] or d['area'] > aRng[1]): dtIg[t][di] = 1
    return dict(scores=[d['score'] for d in d_], dtm=dtm, dtIg=dtIg, gtIg=gIg)
K = len(catIds); prec = {}; rec = {}
for k, cat in enumerate(catIds):
    for a, rng in enumerate(areaRng):
        E = [evaluateImg(i, cat, rng, 100) for i in imgIds]; E = [e for e in E if e is not None]
        for m, md in enumerate(maxDets):
            if not E: continue
            sc = []; dm = [[] for _ in iouThrs]; di = [[] for _ in iouThrs]; gI = []
            for e in E:
                sc += e['scores'][:md]; gI += e['gtIg']
                for t in range(len(iouThrs)): dm[t] += e['dtm'][t][:md]; di[t] += e['dtIg'][t][:md]
            npig = sum(1 for x in gI if x == 0)
            if npig == 0: continue
            inds = sorted(range(len(sc)), key=lambda j: -sc[j])
            for t in range(len(iouThrs)):
                tp = fp = 0; rc = []; pr = []
                for j in inds:
                    if di[t][j]: pass
                    elif dm[t][j]: tp += 1
                    else: fp += 1
                    rc.append(tp / npig); pr.append(tp / (float(fp) + tp + eps))
                rec[(t, k, a, m)] = rc[-1] if rc else 0
                for i in range(len(pr) - 1, 0, -1):
                    if pr[i] > pr[i - 1]: pr[i - 1] = pr[i]
                q = [0.0] * 101
                for r, thr in enumerate(recThrs):
                    pi = bisect.bisect_left(rc, thr)
                    if pi >= len(pr): break
                    q[r] = pr[pi]
                for r in range(101): prec[(t, r, k, a, m)] = q[r]
def mean(v): return sum(v) / len(v) if v else -1
def ap(a, m, t=None):
    return mean([prec[(tt, r, k, a, m)] for tt in range(10) for r in range(101) for k in range(K)
                 if (t is None or tt == t) and (tt, r, k, a, m) in prec])
def ar(a, m):
    return mean([rec[(t, k, a, m)] for t in range(10) for k in range(K) if (t, k, a, m) in rec])
print(json.dumps([ap(0, 2), ap(0, 2, 0), ap(0, 2, 5), ap(1, 2), ap(2, 2), ap(3, 2), ar(0, 0), ar(0, 1), ar(0, 2), ar(1, 2), ar(2, 2), ar(3, 2)]))
