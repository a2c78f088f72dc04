"""Draw docs/ribbon.png: a mock-up of the 绩效工具 tab from macros/customUI.xml — the tab, groups
and button labels as the XML declares them.  The icons are stand-ins: Excel's own imageMso icons
exist only inside Excel, which does not run where this is built.

    pip install pillow && python docs/make_ribbon_png.py     # fonts-noto-cjk for the Chinese text
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
NS = {"c": "http://schemas.microsoft.com/office/2009/07/customui"}
GLYPHS = {"UnmergeCells": "↓", "MergeCells": "↑", "AutoSum": "Σ", "SheetInsert": "▦", "FileNew": "▢", "Help": "?"}
FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


def main() -> int:
    tab = ET.parse(ROOT / "macros" / "customUI.xml").getroot().find(".//c:tab", NS)
    assert tab is not None
    f12, f10, f26 = (ImageFont.truetype(FONT, s) for s in (15, 12, 30))
    groups = [(g.get("label"), [(b.get("label"), b.get("imageMso")) for b in g.findall("c:button", NS)])
              for g in tab.findall("c:group", NS)]
    width = 40 + sum(len(bs) * 84 + 24 for _, bs in groups)
    img = Image.new("RGB", (max(width, 760), 190), "white")
    d = ImageDraw.Draw(img)
    x = 10
    for name in ["文件", "开始", "插入", "页面布局", "公式", "数据", "审阅", "视图", tab.get("label") or ""]:
        w = int(d.textlength(name, font=f12)) + 24
        if name == tab.get("label"):
            d.rectangle([x, 8, x + w, 40], fill="#f3f3f3", outline="#c6c6c6")
            d.text((x + 12, 13), name, font=f12, fill="#1f4e78")
        else:
            d.text((x + 12, 13), name, font=f12, fill="#444")
        x += w
    d.rectangle([4, 40, img.width - 5, 160], fill="#f3f3f3", outline="#c6c6c6")
    x = 14
    for label, buttons in groups:
        start = x
        for text, icon in buttons:
            d.text((x + 26, 50), GLYPHS.get(icon or "", "■"), font=f26, fill="#1f4e78")
            tw = d.textlength(text or "", font=f12)
            d.text((x + 42 - tw / 2, 100), text or "", font=f12, fill="#222")
            x += 84
        gw = d.textlength(label or "", font=f10)
        d.text(((start + x) / 2 - gw / 2, 136), label or "", font=f10, fill="#666")
        d.line([x + 8, 46, x + 8, 154], fill="#d0d0d0")
        x += 24
    d.text((10, 166), "示意图：按 macros/customUI.xml 绘制；图标为示意，Excel 中显示 Office 自带图标。", font=f10, fill="#888")
    out = ROOT / "docs" / "ribbon.png"
    img.save(out, optimize=True)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
