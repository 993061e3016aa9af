#!/usr/bin/env python3
"""Writes 办公.fods (a flat OpenDocument spreadsheet, by hand) and has LibreOffice save it as
办公.xlsx, so that the reader is tested on a workbook LibreOffice wrote: example 01's two tables as
sheets 地区 and 学校, each under a title merged across its columns; text in shared strings; S2's
enrollment a formula (=100+100) with its cached value; S1's `rural` an empty cell; booleans; and a
third sheet 日期, the schools again with S3's `poor` typed as a date (2024-09-01), which the reader
must refuse as a date, by cell. Run: python3 make_libreoffice_workbook.py (needs libreoffice-calc)."""
import subprocess, tempfile, shutil, os

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"')

def cell(value):
    if value is None:
        return '<table:table-cell/>'
    if isinstance(value, bool):
        v = 'true' if value else 'false'
        return f'<table:table-cell office:value-type="boolean" office:boolean-value="{v}"><text:p>{v.upper()}</text:p></table:table-cell>'
    if isinstance(value, (int, float)):
        return f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>'
    if isinstance(value, tuple) and value[0] == 'formula':
        return (f'<table:table-cell table:formula="of:={value[1]}" office:value-type="float" office:value="{value[2]}">'
                f'<text:p>{value[2]}</text:p></table:table-cell>')
    if isinstance(value, tuple) and value[0] == 'date':
        return (f'<table:table-cell table:style-name="ce1" office:value-type="date" office:date-value="{value[1]}">'
                f'<text:p>{value[1]}</text:p></table:table-cell>')
    return f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'

def sheet(name, title, rows):
    width = len(rows[0])
    out = [f'<table:table table:name="{name}">',
           f'<table:table-column table:number-columns-repeated="{width}"/>',
           '<table:table-row>'
           f'<table:table-cell table:number-columns-spanned="{width}" table:number-rows-spanned="1" office:value-type="string">'
           f'<text:p>{title}</text:p></table:table-cell>'
           f'<table:covered-table-cell table:number-columns-repeated="{width - 1}"/></table:table-row>']
    for row in rows:
        out.append('<table:table-row>' + ''.join(cell(v) for v in row) + '</table:table-row>')
    out.append('</table:table>')
    return '\n'.join(out)

regions = [["id", "name", "designation", "rural"],
           ["r1", "Mountain County", "national", True],
           ["r2", "Lake County", "provincial", False],
           ["r3", "City District", None, False]]
header = ["id", "name", "region", "level", "rural", "enrollment", "boarding", "poor", "poor_boarding",
          "disabled", "left_behind", "teachers_math", "required_math"]
schools = [header,
           ["S1", "City Primary", "r3", "primary", None, 200, 0, 0, 0, 0, 0, 10, 10],
           ["S2", "Lake Primary", "r2", "primary", None, ("formula", "100+100", 200), 0, 50, 0, 0, 40, 10, 10],
           ["S3", "Mountain Primary", "r1", "primary", None, 200, 0, 100, 0, 10, 100, 10, 10],
           ["S4", "City Outskirts Primary", "r3", "primary", True, 200, 0, 20, 0, 0, 0, 10, 10],
           ["S5", "City Senior", "r3", "senior", None, 100, 0, 0, 0, 0, 0, 8, 8]]
dated = [list(r) for r in schools]
dated[3][7] = ("date", "2024-09-01")

document = f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document {NS} office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles>
<number:date-style style:name="N37"><number:year number:style="long"/><number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/></number:date-style>
<style:style style:name="ce1" style:family="table-cell" style:data-style-name="N37"/>
</office:automatic-styles>
<office:body><office:spreadsheet>
{sheet("地区", "示例一 县区表", regions)}
{sheet("学校", "示例一 学校表（2024 年）", schools)}
{sheet("日期", "日期误填示例", dated)}
</office:spreadsheet></office:body></office:document>
'''
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "办公.fods"), "w", encoding="utf-8") as f:
    f.write(document)
with tempfile.TemporaryDirectory() as work:
    subprocess.run(["soffice", f"-env:UserInstallation=file://{work}/profile", "--headless", "--convert-to", "xlsx",
                    "--outdir", work, os.path.join(here, "办公.fods")], check=True, capture_output=True)
    shutil.copy(os.path.join(work, "办公.xlsx"), os.path.join(here, "办公.xlsx"))
print("wrote 办公.fods and 办公.xlsx")
