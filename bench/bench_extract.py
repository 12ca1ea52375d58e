"""Extraction throughput (MB/s) on a synthetic corpus of plan-like texts, beside a baseline.

Run on demand:  python bench/bench_extract.py [--mb N] [--seed S] [--repeat R] [--profile]
Side by side:   python bench/bench_extract.py --against /tmp/old-tree [/tmp/other-tree ...]
                    [--rounds N] [--real DIR...]

The corpus recombines template sentences written for this benchmark (plans with parts, headed
task lists, deadlines and targets; news round-ups with province sections). The baseline in the
same run only decodes and NFC-normalises the same bytes; the ratio shows what extraction costs.
Each step runs --repeat times and the fastest run counts (the machine is shared; the fastest
run is the least disturbed). --profile prints where extraction spends its time (cProfile).

--against PATH... compares this tree with other checkouts of the project (e.g. `git archive OLD
| tar -x -C PATH`): each tree runs in its own subprocess (PYTHONPATH = that tree), taking turns
(old trees, then this one) for --rounds rounds, on the synthetic corpus and on the real texts
(--real directories, default the shared dev sets); it reports process CPU seconds per MB, best
of all runs, since CPU time is less disturbed than wall time on a shared machine, and this
tree's speed as a multiple of each other tree's.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import json
import os
import pstats
import random
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
REAL_REPEATS = 4  # the real texts are a fraction of the synthetic corpus: repeated more
REAL = [HERE.parent / "shared" / d for d in ("real/corpus", "plans/corpus", "seeds")]

PROVINCES = ["Nghệ An", "Thanh Hóa", "Bình Định", "Lào Cai", "Cà Mau", "Đắk Lắk", "Nam Định"]
BODIES = ["Sở Nội vụ", "Sở Tài chính", "Sở Tư pháp", "Ban Tổ chức Tỉnh ủy", "Sở Y tế",
          "Ban Dân tộc", "Sở Xây dựng", "Sở TT&TT", "Sở GD&ĐT", "Thanh tra tỉnh"]
VERBS = ["Rà soát, cập nhật quy hoạch cán bộ lãnh đạo các cấp",
         "Xây dựng quy chế đánh giá cán bộ theo kết quả công việc",
         "Tổ chức thi tuyển chức danh trưởng phòng và tương đương",
         "Mở lớp bồi dưỡng kiến thức quản lý nhà nước cho cán bộ trẻ",
         "Hoàn thiện cơ sở dữ liệu đội ngũ công chức, viên chức",
         "Kiểm tra việc thực hiện quy định về luân chuyển cán bộ",
         "Đề xuất chính sách thu hút sinh viên tốt nghiệp xuất sắc",
         "Sắp xếp tổ chức bộ máy các đơn vị sự nghiệp công lập"]
DEADLINES = ["hoàn thành trong quý {q} năm {y}", "thực hiện từ năm {y}", "thực hiện hằng năm",
             "hoàn thành trước ngày 30/6/{y}", "triển khai từ năm học {y} - {y1}"]
TARGETS = ["Đến năm {y}: tỷ lệ cán bộ nữ trong cấp ủy đạt từ {a} đến {b}%.",
           "Đến nay, tỉnh đã bố trí {n}/{m} ({p}%) bí thư cấp huyện không là người địa phương.",
           "Trong nhiệm kỳ này, tỉnh luân chuyển {n} đồng chí và đào tạo {k} lượt cán bộ."]
ROMAN = ["I", "II", "III", "IV"]


def _deadline(r: random.Random) -> str:
    y = r.randint(2019, 2026)
    return r.choice(DEADLINES).format(q=r.choice(ROMAN), y=y, y1=y + 1)


def _target(r: random.Random) -> str:
    n, m = sorted((r.randint(1, 40), r.randint(41, 250)))
    return r.choice(TARGETS).format(y=r.choice([2025, 2030]), a=r.randint(10, 20),
                                    b=r.randint(21, 35), n=n, m=m,
                                    p=f"{100 * n / m:.1f}".replace(".", ","),
                                    k=f"{r.randint(1000, 99999):,}".replace(",", "."))


def plan_text(r: random.Random) -> str:
    lines = ["KẾ HOẠCH", "Thực hiện Nghị quyết 26-NQ/TW ngày 19/5/2018 do BCH Trung ương ban "
             "hành, UBND tỉnh ban hành Kế hoạch như sau:", "I. MỤC ĐÍCH VÀ YÊU CẦU",
             "1. Nâng chất lượng cán bộ ở mọi cấp.", _target(r), "II. NHIỆM VỤ CỤ THỂ"]
    for i in range(1, r.randint(3, 6)):
        lead, partner = r.sample(BODIES, 2)
        lines.append(f"{i}. {lead} chủ trì, phối hợp với {partner} và các cơ quan liên quan:")
        for j in range(1, r.randint(2, 6)):
            lines.append(f"({j}) {r.choice(VERBS)} ({_deadline(r)});")
        lines.append(f"- Phối hợp với {r.choice(BODIES)} {r.choice(VERBS).lower()}.")
    lines += ["III. TỔ CHỨC THỰC HIỆN", "1. Các cơ quan, đơn vị phối hợp với Sở Nội vụ triển "
              "khai, định kỳ hằng năm báo cáo UBND tỉnh./.", "Nơi nhận:", "- Như trên;"]
    return "\n".join(lines) + "\n"


def news_text(r: random.Random) -> str:
    lines = ["Kết quả thực hiện Nghị quyết về công tác cán bộ ở các địa phương", ""]
    for prov in r.sample(PROVINCES, 3):
        lines += [prov, "", f"Ban Thường vụ Tỉnh ủy {prov} đã ban hành Kế hoạch số "
                  f"{r.randint(10, 300)}-KH/TU ngày {r.randint(1, 28)}-{r.randint(1, 12)}-2018.",
                  f"Trong đó, Ban Tổ chức Tỉnh ủy thực hiện {r.randint(3, 6)} nhiệm vụ:", ""]
        for j in range(1, r.randint(3, 7)):
            lines += [f"({j}) {r.choice(VERBS)}.", ""]
        lines += [_target(r), ""]
    return "\n".join(lines)


def corpus(mb: float, seed: int) -> list[bytes]:
    r = random.Random(seed)
    out, size = [], 0
    while size < mb * 1_000_000:
        b = (plan_text(r) if r.random() < 0.5 else news_text(r)).encode("utf-8")
        out.append(b)
        size += len(b)
    return out


def _source(i: int, text: str):
    from graph.model import Source

    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Source(f"src:{digest[:16]}", f"synth{i}.txt", f"synth{i}.txt", digest, len(text),
                  "utf-8")


def _extract_all(docs: list[bytes]) -> tuple[int, int]:
    from loaders.pipeline import extract_text

    tasks = targets = 0
    for i, b in enumerate(docs):
        text = unicodedata.normalize("NFC", b.decode("utf-8"))
        ex = extract_text(text, _source(i, text))
        tasks += len(ex.tasks)
        targets += len(ex.targets)
    return tasks, targets


def _fastest(step, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        step()
        best = min(best, time.perf_counter() - t0)
    return best


def _cpu_best(step, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        step()
        best = min(best, time.process_time() - t0)
    return best


def _worker(kind: str, args) -> None:
    """One tree's CPU seconds on one corpus (run with PYTHONPATH = that tree); prints JSON."""
    import loaders
    from loaders.pipeline import extract_text
    from loaders.read import read_source

    if kind == "synth":
        docs = corpus(args.mb, args.seed)
        size = sum(map(len, docs))
        _extract_all(docs)  # warm-up: gazetteers and patterns load once
        cpu = _cpu_best(lambda: _extract_all(docs), args.repeat)
    else:
        pairs = [read_source(p) for d in args.real for p in sorted(Path(d).glob("*.txt"))]
        size = sum(len(t.encode("utf-8")) for _, t in pairs)
        step = lambda: [extract_text(t, s) for s, t in pairs]  # noqa: E731
        step()
        cpu = _cpu_best(step, args.repeat * REAL_REPEATS)  # a short run: more samples
    print(json.dumps({"cpu": cpu, "mb": size / 1_000_000, "loaders": loaders.__file__}))


def _run(tree: Path, kind: str, args) -> dict:
    env = dict(os.environ, PYTHONPATH=str(tree))
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", kind, "--mb", str(args.mb),
           "--seed", str(args.seed), "--repeat", str(args.repeat), "--real", *map(str, args.real)]
    out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True, cwd=tree)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if not Path(result["loaders"]).resolve().is_relative_to(tree):  # measured the wrong tree
        raise SystemExit(f"{tree}: the worker imported {result['loaders']}")
    return result


def _side_by_side(args) -> None:
    trees = {str(i): Path(a).resolve() for i, a in enumerate(args.against)}
    trees["new"] = HERE
    best: dict[tuple[str, str], dict] = {}
    for _ in range(args.rounds):
        for kind in ("synth", "real"):
            for name, tree in trees.items():
                r = _run(tree, kind, args)
                key = (name, kind)
                if key not in best or r["cpu"] < best[key]["cpu"]:
                    best[key] = r
    olds = [n for n in trees if n != "new"]
    print(f"rounds {args.rounds} x repeat {args.repeat}; trees: "
          + ", ".join(f"{'old' + n if n != 'new' else 'new'} = {t}" for n, t in trees.items()))
    print(f"{'corpus':<8}{'MB':>6}" + "".join(f"{'old' + n + ' MB/s':>13}" for n in olds)
          + f"{'new MB/s':>10}" + "".join(f"{'new/old' + n:>10}" for n in olds))
    for kind in ("synth", "real"):
        n = best[("new", kind)]
        row = f"{kind:<8}{n['mb']:>6.2f}"
        row += "".join(f"{best[(o, kind)]['mb'] / best[(o, kind)]['cpu']:>13.2f}" for o in olds)
        row += f"{n['mb'] / n['cpu']:>10.2f}"
        row += "".join(f"{best[(o, kind)]['cpu'] / n['cpu']:>10.2f}" for o in olds)
        print(row)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=2.0, help="corpus size in MB (default 2)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=3, help="runs per step, the fastest counts")
    ap.add_argument("--profile", action="store_true", help="print the top functions (cProfile)")
    ap.add_argument("--against", nargs="+", metavar="TREE",
                    help="other checkouts to measure side by side (CPU time)")
    ap.add_argument("--rounds", type=int, default=3, help="alternating rounds with --against")
    ap.add_argument("--real", nargs="*", default=[str(d) for d in REAL],
                    help="directories of real texts (*.txt) for --against")
    ap.add_argument("--worker", choices=["synth", "real"], help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        return _worker(args.worker, args)
    if args.against:
        return _side_by_side(args)
    sys.path.insert(0, str(HERE))
    docs = corpus(args.mb, args.seed)
    total = sum(map(len, docs)) / 1_000_000

    base = _fastest(lambda: [unicodedata.normalize("NFC", b.decode("utf-8")) for b in docs],
                    args.repeat)
    tasks, targets = _extract_all(docs)  # also loads the gazetteers and patterns, once
    full = _fastest(lambda: _extract_all(docs), args.repeat)

    print(f"corpus: {len(docs)} texts, {total:.2f} MB; extracted {tasks} tasks, {targets} targets")
    print(f"{'step':<28}{'seconds':>10}{'MB/s':>12}")
    print(f"{'baseline (decode + NFC)':<28}{base:>10.3f}{total / base:>12.1f}")
    print(f"{'full extraction':<28}{full:>10.3f}{total / full:>12.2f}")
    print(f"ratio baseline/full: {full / base:.0f}x")
    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(_extract_all, docs)
        pstats.Stats(profile).sort_stats("tottime").print_stats(15)


if __name__ == "__main__":
    main()
