"""Writes the spreadsheet fixtures of tests/files.rs (run from tests/files/).

openpyxl writes shared strings, rich text, number formats, merged ranges,
hidden rows, columns and sheets; LibreOffice converts a CSV (recognising its
percentages and dates) and recalculates formulas into cached values; a
hand-made package holds inline strings and the odd cell types; the broken
files are cut or forged here. Re-run only to change a fixture, then review.
"""
import datetime
import io
import os
import shutil
import subprocess
import tempfile
import zipfile

import openpyxl
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont


def openpyxl_book():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "指标"
    ws["A1"] = "衡山高新区 2022年1-11月主要指标"
    ws.merge_cells("A1:D1")
    ws.append(["指标名称", "单位", "年度目标", "1-11月累计"])
    ws.append(["技工贸总收入", "亿元", 165, 148.2032])
    ws.append(["规模工业增加值增速", "%", 0.08, 0.0637])
    ws["C4"].number_format = "0.0%"
    ws["D4"].number_format = "0.00%"
    ws.append(["税收收入", "亿元", 4.5, 3.9])
    ws.append([CellRichText(TextBlock(InlineFont(b=True), "实际"), "使用外资"), "亿美元", 1.2, 0.98])
    ws.append(["备注 & <说明>", "", "", '含"引号"'])
    ws.append(["填报日期", "", "", datetime.date(2022, 12, 5)])
    ws["D8"].number_format = "yyyy-mm-dd"
    ws.append(["隐藏的行", "亿元", 1, 2])
    ws.row_dimensions[9].hidden = True
    ws.append(["合并", "", 7, ""])
    ws.merge_cells("A10:B10")
    ws.merge_cells("C10:D11")
    ws["F3"] = "隐藏列中的值"
    ws.column_dimensions["F"].hidden = True
    s2 = wb.create_sheet("第二表")
    s2.append(["园区", "技工贸总收入", "完成率"])
    s2.append(["甲园区", 12.5, 0.9])
    s2.append(["乙园区", 8, 1.05])
    s2["C2"].number_format = "0%"
    s2["C3"].number_format = "0%"
    s3 = wb.create_sheet("隐藏表")
    s3["A1"] = "不应默认读取"
    s3.sheet_state = "hidden"
    wb.save("openpyxl.xlsx")

    big = openpyxl.Workbook()
    ws = big.active
    ws.title = "园区"
    ws.append(["园区", "技工贸总收入", "税收收入", "完成率"])
    for i in range(1, 10001):
        ws.append([f"园区{i:05d}", round(i * 1.25, 2), i % 97, (i % 100) / 100])
    big.save("rows10000.xlsx")


def parks_book():
    """The browser test's workbook: three parks as rows, shares as percentages, a hidden park, a second sheet."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "园区对比"
    ws.append(["园区", "技工贸总收入（亿元）", "上交税金（亿元）", "已开发面积（亩）", "研究开发费用总额（亿元）",
               "主导产业营业收入占比（%）", "高新技术产业营业收入占比（%）", "较大及以上生产安全事故（起）"])
    ws.append(["衡山高新区", 148.2032, 5.27, 4000, 4.99, 0.637, 0.6312, 0])
    ws.append(["隐藏园区", 1, 1, 1, 1, 0.5, 0.5, 0])
    ws.append(["南岳经开区", 90, 3.1, 2500, 2.2, 0.71, 0.55, 1])
    ws.append(["耒阳经开区", 120.5, 4.2, 3600, 3.1, 0.58, 0.49, 0])
    for row in range(2, 6):
        ws.cell(row, 6).number_format = "0.0%"
        ws.cell(row, 7).number_format = "0.00%"
    ws.row_dimensions[3].hidden = True
    notes = wb.create_sheet("说明")
    notes.append(["指标名称", "单位", "年度目标", "1-11月累计"])
    notes.append(["技工贸总收入", "亿元", 165, 148.2032])
    wb.save("parks.xlsx")


def libreoffice(tmp):
    csv = os.path.join(tmp, "lo.csv")
    with open(csv, "w", encoding="utf-8") as f:
        f.write("指标名称,单位,年度目标,1-11月累计,完成率\n")
        f.write("技工贸总收入,亿元,165,148.2032,89.8%\n")
        f.write("税收收入,亿元,4.5,3.9,86.7%\n")
        f.write('"含,逗号",万元,10,2,20%\n')
        f.write("日期,,,2022-12-05,\n")
    subprocess.run(["soffice", "--headless", "--infilter=CSV:44,34,76", "--convert-to", "xlsx", "--outdir", tmp, csv], check=True, capture_output=True)
    shutil.copy(os.path.join(tmp, "lo.xlsx"), "libreoffice.xlsx")
    subprocess.run(["soffice", "--headless", "--infilter=CSV:44,34,76", "--convert-to", "xls", "--outdir", tmp, csv], check=True, capture_output=True)
    shutil.copy(os.path.join(tmp, "lo.xls"), "libreoffice.xls")
    shutil.copy(csv, "utf8.csv")
    # Formulas: openpyxl writes them without results; LibreOffice recalculates on save.
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "公式"
    ws.append(["指标", "目标", "完成", "完成率"])
    ws.append(["收入", 165, 148.2032, "=C2/B2"])
    ws.append(["税收", 4.5, 3.9, "=C3/B3"])
    ws.append(["合计", "=B2+B3", "=C2+C3", '=IF(B4>0,"有","无")'])
    ws["D2"].number_format = "0.0%"
    ws["D3"].number_format = "0.0%"
    src = os.path.join(tmp, "f.xlsx")
    wb.save(src)
    out = os.path.join(tmp, "out")
    os.makedirs(out)
    subprocess.run(["soffice", "--headless", "--convert-to", "xlsx", "--outdir", out, src], check=True, capture_output=True)
    shutil.copy(os.path.join(out, "f.xlsx"), "formulas.xlsx")
    # BIFF8 .xls of the openpyxl workbook and the formulas.
    # Enough CJK strings for the .xls's shared strings to run over several CONTINUE records.
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "长表"
    for i in range(600):
        ws.append([f"第{i}个园区的技工贸总收入说明文字", i])
    wb.save("strings.xlsx")
    for name in ["openpyxl.xlsx", "formulas.xlsx", "strings.xlsx", "parks.xlsx"]:
        subprocess.run(["soffice", "--headless", "--convert-to", "xls", "--outdir", out, name], check=True, capture_output=True)
        shutil.copy(os.path.join(out, name.replace(".xlsx", ".xls")), name.replace(".xlsx", ".xls"))


def inline_book():
    ct = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
          '<Override PartName="/xl/worksheets/s1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    wb = ('<?xml version="1.0"?><x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:sheets>'
          '<x:sheet name="内联 &amp; 转义" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>')
    wbrels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/s1.xml"/></Relationships>')
    sheet = ('<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>'
             '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>指标名称</x:t></x:is></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>1-11月累计</x:t></x:is></x:c></x:row>'
             '<x:row r="2"><x:c t="inlineStr"><x:is><x:r><x:t>技工贸</x:t></x:r><x:r><x:t xml:space="preserve">总收入</x:t></x:r></x:is></x:c><x:c><x:v>148.2032</x:v></x:c></x:row>'
             '<x:row><x:c t="inlineStr"><x:is><x:t>第一行_x000D_&#10;第二行 &lt;&amp;&gt; &#x4E2D;_x005F_x0041_</x:t></x:is></x:c><x:c t="str"><x:f>"a"&amp;"b"</x:f><x:v>ab</x:v></x:c></x:row>'
             '<x:row r="5"><x:c r="A5" t="b"><x:v>1</x:v></x:c><x:c r="C5" t="e"><x:v>#DIV/0!</x:v></x:c><x:c r="D5" t="inlineStr"><x:is><x:t>"引号开头</x:t></x:is></x:c></x:row>'
             '</x:sheetData></x:worksheet>')
    with zipfile.ZipFile("inline.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", rels)
        z.writestr("xl/workbook.xml", wb)
        z.writestr("xl/_rels/workbook.xml.rels", wbrels)
        z.writestr("xl/worksheets/s1.xml", sheet)


def broken():
    data = open("openpyxl.xlsx", "rb").read()
    open("truncated.xlsx", "wb").write(data[: len(data) // 2])
    # A PNG named as a workbook: a 1x1 image.
    png = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                        "1f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082")
    open("image.xlsx", "wb").write(png)
    with zipfile.ZipFile("not-a-workbook.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("readme.txt", "不是工作簿")
    # A zip bomb: a worksheet part of 80 MB of spaces, its declared size a lie.
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, text in [("[Content_Types].xml", "<Types/>"), ("_rels/.rels", inline_rels()), ("xl/workbook.xml", bomb_wb()),
                           ("xl/_rels/workbook.xml.rels", bomb_wbrels())]:
            z.writestr(name, text)
        z.writestr("xl/worksheets/sheet1.xml", b"<worksheet><sheetData>" + b" " * (80 << 20) + b"</sheetData></worksheet>")
    data = bytearray(buf.getvalue())
    # Its sizes in the central directory and local header claim 1,000 bytes.
    at = data.rfind(b"PK\x01\x02")
    data[at + 24:at + 28] = (1000).to_bytes(4, "little")
    local = int.from_bytes(data[at + 42:at + 46], "little")
    data[local + 22:local + 26] = (1000).to_bytes(4, "little")
    open("bomb.xlsx", "wb").write(bytes(data))
    open("gbk.csv", "wb").write("指标名称,1-11月累计\n技工贸总收入,148.2\n".encode("gbk"))


def inline_rels():
    return ('<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>')


def bomb_wb():
    return '<workbook><sheets><sheet name="炸弹" sheetId="1" r:id="rId1"/></sheets></workbook>'


def bomb_wbrels():
    return ('<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
            'Target="worksheets/sheet1.xml"/></Relationships>')


if __name__ == "__main__":
    openpyxl_book()
    parks_book()
    with tempfile.TemporaryDirectory() as tmp:
        libreoffice(tmp)
    inline_book()
    broken()
