#!/usr/bin/env python3
"""Render a terminal capture with ANSI colours (`tmux capture-pane -e -p`)
to a PNG, on a dark background.

    python3 render.py capture.txt out.png [--cols 110] [--rows 24] [--cursor X,Y]

Understands the SGR sequences tmux writes: 0 reset, 1 bold, 2 dim,
4 underline (with 4:n styles), 7 reverse, their 2x offs, foreground 30-37,
90-97, 38;5;n, 38;2;r;g;b, 39, background 40-47, 100-107, 48;5;n,
48;2;r;g;b, 49, underline colour 58;5;n, 58;2;r;g;b, 59. Other escapes are
dropped.
The font is the one `fc-match monospace` names (its bold face for bold),
else Pillow's default.
"""

import argparse
import re
import subprocess
import sys
import unicodedata

try:
    from PIL import Image, ImageDraw, ImageFont
except ImportError:
    sys.exit("render.py needs Pillow: pip install pillow (editor.sh installs it in a venv)")

DEFAULT_FG = (208, 208, 200)
DEFAULT_BG = (24, 26, 30)

# The 16 named colours, tuned to read on DEFAULT_BG.
BASE16 = [
    (40, 42, 46), (215, 80, 80), (120, 185, 90), (215, 180, 80),
    (95, 140, 215), (185, 110, 200), (80, 180, 190), (200, 200, 195),
    (105, 110, 118), (240, 110, 110), (150, 215, 120), (240, 210, 110),
    (125, 170, 240), (215, 145, 230), (115, 210, 220), (245, 245, 240),
]


def colour256(n):
    if n < 16:
        return BASE16[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return (steps[n // 36], steps[(n // 6) % 6], steps[n % 6])
    v = 8 + 10 * (n - 232)
    return (v, v, v)


class Style:
    def __init__(self):
        self.reset()

    def reset(self):
        self.fg = None  # None: the default
        self.bg = None
        self.ul = None  # underline colour; None: the text's
        self.bold = self.dim = self.underline = self.reverse = False

    def copy(self):
        s = Style()
        s.__dict__.update(self.__dict__)
        return s


def extended_colour(params, i):
    """Read `5;n` or `2;r;g;b` after a 38/48/58 at params[i]; returns
    (colour or None, index of the next parameter)."""
    if i + 1 < len(params) and params[i + 1] == 5 and i + 2 < len(params):
        return colour256(params[i + 2] % 256), i + 3
    if i + 1 < len(params) and params[i + 1] == 2 and i + 4 < len(params):
        return tuple(max(0, min(255, v)) for v in params[i + 2:i + 5]), i + 5
    return None, len(params)


def apply_sgr(style, text):
    if text == "":
        style.reset()
        return
    fields = text.split(";")
    # 38:5:n and 38:2::r:g:b are the colon forms of the same thing.
    if len(fields) == 1 and ":" in fields[0]:
        sub = [p for p in fields[0].split(":")]
        if sub[0] in ("38", "48", "58"):
            if len(sub) >= 3 and sub[1] == "2":
                sub = sub[:2] + sub[-3:]
            fields = sub
    params = []
    for f in fields:
        head = f.split(":")[0]
        params.append(int(head) if head.isdigit() else 0)
    # Underline styles (4:0 off, 4:n on) come as a colon sub-parameter.
    if len(fields) == 1 and fields[0].startswith("4:"):
        style.underline = fields[0] != "4:0"
        return
    i = 0
    while i < len(params):
        p = params[i]
        if p == 0:
            style.reset()
        elif p == 1:
            style.bold = True
        elif p == 2:
            style.dim = True
        elif p == 4:
            style.underline = True
        elif p == 7:
            style.reverse = True
        elif p == 22:
            style.bold = style.dim = False
        elif p == 24:
            style.underline = False
        elif p == 27:
            style.reverse = False
        elif 30 <= p <= 37:
            style.fg = BASE16[p - 30]
        elif 90 <= p <= 97:
            style.fg = BASE16[p - 90 + 8]
        elif p == 39:
            style.fg = None
        elif 40 <= p <= 47:
            style.bg = BASE16[p - 40]
        elif 100 <= p <= 107:
            style.bg = BASE16[p - 100 + 8]
        elif p == 49:
            style.bg = None
        elif p == 59:
            style.ul = None
        elif p in (38, 48, 58):
            c, nxt = extended_colour(params, i)
            if p == 38:
                style.fg = c
            elif p == 48:
                style.bg = c
            else:
                style.ul = c
            i = nxt
            continue
        i += 1


ESCAPE = re.compile(r"\x1b(?:\[([0-9;:?<=>]*)([@-~])|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")


def parse(text, cols, rows):
    """The screen as rows of cells: (characters, Style) or None for the
    second half of a wide character."""
    screen = []
    style = Style()  # tmux carries attributes from one line to the next
    for line in text.split("\n")[:rows]:
        row = []
        pos = 0
        # A sentinel escape at the end flushes the last run of text.
        for m in ESCAPE.finditer(line + "\x1b[?m"):
            for ch in line[pos:m.start()]:
                if ch == "\t":
                    row.extend((" ", style.copy()) for _ in range(8 - len(row) % 8))
                    continue
                if unicodedata.combining(ch) and row:
                    idx = len(row) - 1 if row[-1] is not None else len(row) - 2
                    row[idx] = (row[idx][0] + ch, row[idx][1])
                    continue
                if ord(ch) < 32:
                    continue
                row.append((ch, style.copy()))
                if unicodedata.east_asian_width(ch) in ("W", "F"):
                    row.append(None)
            pos = m.end()
            if m.group(2) == "m" and m.group(1) != "?":
                apply_sgr(style, m.group(1))
        screen.append(row[:cols])
    while len(screen) < rows:
        screen.append([])
    return screen


def find_font(bold):
    pattern = "monospace:bold" if bold else "monospace"
    try:
        path = subprocess.run(["fc-match", pattern, "-f", "%{file}"], capture_output=True,
                              text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        path = ""
    return path or None


def load_fonts(size):
    regular = find_font(False)
    if regular:
        try:
            font = ImageFont.truetype(regular, size)
        except OSError:
            font = None
        if font is not None:
            bold_path = find_font(True)
            try:
                bold = ImageFont.truetype(bold_path, size) if bold_path else font
            except OSError:
                bold = font
            return font, bold
    font = ImageFont.load_default()
    return font, font


def cell_size(font):
    left, top, right, bottom = font.getbbox("M")
    try:
        ascent, descent = font.getmetrics()
        height = ascent + descent
        width = round(font.getlength("M"))
    except AttributeError:
        height, width = bottom - min(top, 0) + 2, right - left
    return max(width, 1), max(height, 1)


def colours(style, is_cursor):
    fg = style.fg or DEFAULT_FG
    bg = style.bg or DEFAULT_BG
    if style.reverse != is_cursor:
        fg, bg = bg, fg
    if style.dim:
        fg = tuple((a + b) // 2 for a, b in zip(fg, bg))
    return fg, bg


def render(screen, cols, rows, out, cursor, size, pad):
    font, bold_font = load_fonts(size)
    cw, ch = cell_size(font)
    line_h = ch + 2
    img = Image.new("RGB", (cols * cw + 2 * pad, rows * line_h + 2 * pad), DEFAULT_BG)
    draw = ImageDraw.Draw(img)
    for y, row in enumerate(screen):
        for x in range(cols):
            cell = row[x] if x < len(row) else (" ", Style())
            if cell is None:
                continue
            text, style = cell
            wide = x + 1 < len(row) and row[x + 1] is None
            fg, bg = colours(style, cursor == (x, y))
            x0, y0 = pad + x * cw, pad + y * line_h
            x1 = x0 + cw * (2 if wide else 1)
            if bg != DEFAULT_BG:
                draw.rectangle([x0, y0, x1 - 1, y0 + line_h - 1], fill=bg)
            if text.strip():
                draw.text((x0, y0 + 1), text, font=bold_font if style.bold else font, fill=fg)
            if style.underline:
                uy = y0 + line_h - 2
                draw.line([x0, uy, x1 - 1, uy], fill=style.ul or fg)
    # Few colours and flat areas: a palette image is a fraction of the size.
    img = img.quantize(colors=128, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    img.save(out, optimize=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("capture")
    ap.add_argument("out")
    ap.add_argument("--cols", type=int, default=110)
    ap.add_argument("--rows", type=int, default=24)
    ap.add_argument("--cursor", help="X,Y of the cursor cell (0-based), drawn reversed")
    ap.add_argument("--size", type=int, default=15, help="font size in pixels")
    ap.add_argument("--pad", type=int, default=12)
    args = ap.parse_args()
    with open(args.capture, encoding="utf-8", errors="replace") as f:
        text = f.read()
    cursor = tuple(int(v) for v in args.cursor.split(",")) if args.cursor else None
    render(parse(text, args.cols, args.rows), args.cols, args.rows, args.out, cursor,
           args.size, args.pad)


if __name__ == "__main__":
    main()
