#!/usr/bin/env python3
"""Writes 表格.xlsx: example 01's two tables as sheets 地区 and 学校, written by openpyxl (not by
eduplan), so that the reader is tested on a workbook another program made: shared strings, numbers
stored as floats and ints, booleans as boolean cells, an empty cell, a blank row at the end, and a
sheet order that differs from the tables'. Run: pip install openpyxl && python3 make_workbook.py"""
import openpyxl

book = openpyxl.Workbook()
notes = book.active
notes.title = "说明"
notes.append(["本工作簿由 make_workbook.py 生成（示例 1 的两张表）"])
regions = book.create_sheet("地区")
regions.append(["id", "name", "designation", "rural"])
regions.append(["r1", "Mountain County", "national", True])
regions.append(["r2", "Lake County", "provincial", False])
regions.append(["r3", "City District", None, False])
schools = book.create_sheet("学校")
schools.append(["id", "name", "region", "level", "rural", "enrollment", "boarding", "poor", "poor_boarding",
                "disabled", "left_behind", "teachers_math", "required_math"])
schools.append(["S1", "City Primary", "r3", "primary", None, 200, 0, 0, 0, 0, 0, 10, 10])
schools.append(["S2", "Lake Primary", "r2", "primary", None, 200.0, 0, 50, 0, 0, 40, 10, 10])
schools.append(["S3", "Mountain Primary", "r1", "primary", None, 200, 0, 100, 0, 10, 100, 10, 10])
schools.append(["S4", "City Outskirts Primary", "r3", "primary", True, 200, 0, 20, 0, 0, 0, 10, 10])
schools.append(["S5", "City Senior", "r3", "senior", None, 100, 0, 0, 0, 0, 0, 8, 8])
schools.append([None])
book.save("表格.xlsx")

# The same schools with S2's enrollment as a formula: openpyxl stores no computed value, as Excel
# would, so the reader must refuse the cell rather than read it as empty.
schools["F3"] = "=100+100"
book.save("公式.xlsx")
