"""The speed reference for `ebr build`: DuckDB running ebr's own SQL files on the same raw files.

usage: duckdb_reference.py CATALOGUE.json SQL_DIR RAW_DIR PERIOD [csv|parquet]

Registers one view per raw export (explicit column types from `ebr-build tables`), runs every
query of SQL_DIR for PERIOD with the placeholders ebr uses, fetches every row, and prints the
rows returned. Time it from outside (hyperfine), like `ebr build`.
"""
import datetime
import json
import pathlib
import sys

import duckdb


def period_bounds(period: str):
    year, part = period.split("-")
    year = int(year)
    if part.startswith("Q"):
        first = (int(part[1:]) - 1) * 3 + 1
        last = first + 2
    else:
        first = last = int(part)
    start = f"{year:04d}-{first:02d}-01"
    import calendar
    end = f"{year:04d}-{last:02d}-{calendar.monthrange(year, last)[1]:02d}"
    return start, end


def main():
    catalogue, sql_dir, raw, period = sys.argv[1:5]
    kind = sys.argv[5] if len(sys.argv) > 5 else "csv"
    tables = json.loads(pathlib.Path(catalogue).read_text())
    con = duckdb.connect()
    for table in tables:
        path = pathlib.Path(raw) / f"{table['name']}.{kind}"
        if kind == "csv":
            columns = ", ".join(f"'{c['name']}': '{c['type']}'" for c in table["columns"])
            source = (f"read_csv('{path}', header = true, columns = {{{columns}}}, "
                      "timestampformat = '%Y-%m-%dT%H:%M:%S', dateformat = '%Y-%m-%d')")
        else:
            # arrow-rs stores second-precision timestamps as plain INT64 (seconds since the
            # epoch, the Arrow type kept in the file's metadata, which DuckDB does not read).
            kinds = dict(con.execute(f"DESCRIBE SELECT * FROM read_parquet('{path}')").fetchall()[i][:2]
                         for i in range(len(table["columns"])))
            columns = ", ".join(
                f"make_timestamp({c['name']} * 1000000) AS {c['name']}"
                if c["type"] == "TIMESTAMP" and kinds.get(c["name"]) == "BIGINT" else c["name"]
                for c in table["columns"])
            source = f"(SELECT {columns} FROM read_parquet('{path}'))"
        con.execute(f"CREATE VIEW {table['name']} AS SELECT * FROM {source}")
    start, end = period_bounds(period)
    after = datetime.date.fromisoformat(end) + datetime.timedelta(days=1)
    rows = 0
    for sql in sorted(pathlib.Path(sql_dir).glob("*.sql")):
        text = (sql.read_text()
                .replace(":period_start", f"DATE '{start}'")
                .replace(":period_end", f"DATE '{end}'")
                .replace(":period_from", f"TIMESTAMP '{start} 00:00:00'")
                .replace(":period_until", f"TIMESTAMP '{after} 00:00:00'")
                .replace(":period_id", f"'{period}'"))
        rows += len(con.execute(text).fetchall())
    print(f"duckdb {duckdb.__version__}: {rows} result rows")


if __name__ == "__main__":
    main()
