"""A raw folder with about N touchpoints, for the scaling runs of `ebr build` against DuckDB.

usage: more_touchpoints.py RAW_DIR N OUT_DIR

The sample generator makes about 550 touchpoints per dealer and month, far fewer than a real
OEM's ad and web platforms log. This copies RAW_DIR to OUT_DIR (every file but the two below as a
symbolic link) and repeats each customer journey of `touchpoints.csv` and `path_outcomes.csv`
under new ids (`ID~2`, `ID~3`, ...) until there are at least N touchpoints: the same paths,
counted as many times over.
"""
import csv
import math
import pathlib
import sys


def main():
    raw, wanted, out = pathlib.Path(sys.argv[1]), int(sys.argv[2]), pathlib.Path(sys.argv[3])
    out.mkdir(parents=True, exist_ok=False)
    for path in raw.iterdir():
        if path.name not in ("touchpoints.csv", "path_outcomes.csv"):
            (out / path.name).symlink_to(path.resolve())
    touches = list(csv.reader(open(raw / "touchpoints.csv", newline="")))
    outcomes = list(csv.reader(open(raw / "path_outcomes.csv", newline="")))
    copies = max(1, math.ceil(wanted / (len(touches) - 1)))
    for name, rows in (("touchpoints.csv", touches), ("path_outcomes.csv", outcomes)):
        with open(out / name, "w", newline="") as f:
            f.write(",".join(rows[0]) + "\n")
            body = [",".join(row[1:]) for row in rows[1:]]
            ids = [row[0] for row in rows[1:]]
            for copy in range(1, copies + 1):
                suffix = "" if copy == 1 else f"~{copy}"
                f.write("".join(f"{i}{suffix},{rest}\n" for i, rest in zip(ids, body)))
    print(f"{out}: {(len(touches) - 1) * copies} touchpoints ({copies} copies)")


if __name__ == "__main__":
    main()
