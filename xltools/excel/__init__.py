"""Excel, through xlwings: the only folder that imports it.

* :mod:`~xltools.excel.macros` — the ribbon buttons (``RunPython "import xltools.excel.macros as m; m.…()"``);
* :mod:`~xltools.excel.udfs` — the classic ``@xw.func`` cell functions (``UDF MODULES``: ``xltools.excel.udfs``);
* :mod:`~xltools.excel.lite` — the same for xlwings Server/Lite (licensed ``xlwings.server``);
* :mod:`~xltools.excel.bridge` — reading and writing an open workbook (owned sheets, marks, painted forms);
* :mod:`~xltools.excel.cells` — what the UDFs compute, pure (no xlwings), so it is testable anywhere.

Importing this package imports nothing heavy; each module imports xlwings itself.
"""
