"""Parse every file in examples/news and print one JSON line per article.

Broken files are reported on stderr with file:line:col and the run goes on.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import newsmeta


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "news"
    failed = 0
    for path in sorted(folder.glob("*.md")):
        try:
            article = newsmeta.parse_file(path)
        except newsmeta.NewsmetaError as error:
            failed += 1
            print(f"error: {error}", file=sys.stderr)
            continue
        print(json.dumps(newsmeta.to_dict(article), ensure_ascii=False))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
