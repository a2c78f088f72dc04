"""The 项目支出绩效目标申报表: one form per project, written from a table and read back.

The layout is data (:mod:`xltools.forms.spec`, ``xltools/data/templates/*.json``); cells are
filled from the model in :mod:`xltools.forms.fill` and read back in :mod:`xltools.forms.read`;
:mod:`xltools.forms.workbook` writes and reads whole workbooks (openpyxl).
"""

from .spec import TemplateSpec, load_spec
from .workbook import form_files, read_forms, safe_sheet_name, write_blank, write_forms

__all__ = ["TemplateSpec", "form_files", "load_spec", "read_forms", "safe_sheet_name", "write_blank", "write_forms"]
