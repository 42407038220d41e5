#!/usr/bin/env bash
# Makes the fact sheet's other forms from corpus/innovation-and-technology.zh-Hant.txt, as they are published: a web
# page (pandoc, with a site's navigation, menus, footer and scripts around the text), that page printed to PDF by
# headless Chromium (with its header and footer: date, title, address and page numbers), also in two columns, and a
# Word file (pandoc).
# Then the files a build must skip: a PDF encrypted (qpdf), and its first page scanned (an image, no text layer).
# Run from the repository root; needs pandoc, chromium, CJK fonts, poppler-utils and qpdf
# (apt-get install pandoc chromium fonts-wqy-microhei poppler-utils qpdf).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source=corpus/innovation-and-technology.zh-Hant.txt
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The text's layout as Markdown: its first line the title (the page gives it), short lines without sentence punctuation
# its sections, bullets and paragraphs as they are.
python3 - "$source" > "$work/factsheet.md" <<'PY'
import re, sys
lines = [line.strip() for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
title = lines[0]
def heading(line):
    return len(line) <= 20 and not line.startswith("- ") and not re.search("[。，；：！？]", line) and not re.match(r"[（(]?更新日期", line)
blocks = []
for line in lines[1:]:
    # A line the text file's page breaks cut mid-sentence joins its continuation: the page is one text.
    if blocks and blocks[-1].startswith("- ") and not re.search(r"[。！？；）)」』》〕]$", blocks[-1]) and not line.startswith("- ") and not heading(line):
        blocks[-1] += line
    else:
        blocks.append(line)
for block in blocks:
    print(("## " + block if heading(block) else block) + "\n")
PY

common=(--metadata title=創新及科技 --metadata lang=zh-HK --metadata date=2024-07-25)
pandoc "$work/factsheet.md" -s "${common[@]}" --template "$here/page.html" -o "$here/factsheet.html"
pandoc "$work/factsheet.md" "${common[@]}" -o "$here/factsheet.docx"
print() { chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update \
  --disable-sync --user-data-dir="$work/chromium" --print-to-pdf="$2" "${@:3}" "file://$1" 2>/dev/null; }
print "$here/factsheet.html" "$here/factsheet.pdf"
# The same page set in two columns with paragraphs close together, as reports are: reading order and paragraphs by layout.
sed 's|<style>|<style> main { column-count: 2; column-gap: 2em; } p, li { margin: 0 0 0.2em 0; }|' "$here/factsheet.html" > "$work/two-columns.html"
print "$work/two-columns.html" "$here/factsheet-two-columns.pdf"

mkdir -p "$here/unreadable"
echo "<meta charset=utf-8><p>香港共有近 4,300 間初創企業。</p>" > "$work/secret.html"
print "$work/secret.html" "$work/secret.pdf" --no-pdf-header-footer
qpdf --encrypt secret secret 256 -- "$work/secret.pdf" "$here/unreadable/encrypted.pdf"
pdftoppm -f 1 -l 1 -r 60 -png "$here/factsheet.pdf" "$work/scan"
echo "<img src='$work/scan-1.png' style='width:100%'>" > "$work/scan.html"
# A scan has no text at all: no printed header or footer either.
print "$work/scan.html" "$here/unreadable/scanned.pdf" --no-pdf-header-footer
echo "made $here/factsheet.html, factsheet.pdf, factsheet-two-columns.pdf, factsheet.docx, unreadable/encrypted.pdf, unreadable/scanned.pdf"
