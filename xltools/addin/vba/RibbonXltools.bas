Attribute VB_Name = "RibbonXltools"
' Ribbon callbacks of the xltools add-in (macros/customUI.xml: onAction="RibbonXltools.<Sub>").
' Each button runs one entry point of the Python module xltools.excel.macros on the active workbook
' through xlwings' RunPython (VBA module xlwings, from macros/xlwings_custom_addin.bas).
' The Python side writes its results to its own sheets and shows its own messages.
' Keep this file ASCII: the VBA project is stored in code page 1252.
Option Explicit

Sub XT_Split(control As IRibbonControl)  ' button xtSplit
    RunPython "import xltools.excel.macros as m; m.split_indicators()"
End Sub

Sub XT_Check(control As IRibbonControl)  ' button xtCheck
    RunPython "import xltools.excel.macros as m; m.check_workbook()"
End Sub

Sub XT_Templates(control As IRibbonControl)  ' button xtTemplates
    RunPython "import xltools.excel.macros as m; m.build_templates()"
End Sub

Sub XT_Blank(control As IRibbonControl)  ' button xtBlank
    RunPython "import xltools.excel.macros as m; m.blank_template()"
End Sub

Sub XT_Join(control As IRibbonControl)  ' button xtJoin
    RunPython "import xltools.excel.macros as m; m.join_indicators()"
End Sub

Sub XT_Help(control As IRibbonControl)  ' button xtHelp
    RunPython "import xltools.excel.macros as m; m.show_help()"
End Sub
