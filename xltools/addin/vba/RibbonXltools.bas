Attribute VB_Name = "RibbonXltools"
' Ribbon callbacks of the xltools add-in (customUI.xml: onAction="RibbonXltools.<Sub>").
' Each button runs one entry point of xltools.excel.macros / xltools.excel.macros_yearly on the active
' workbook through xlwings' RunPython (VBA module xlwings, from xlwings_custom_addin.bas), after checks
' that explain in Chinese what is missing: no workbook open (or only one in Protected View), a protected
' workbook structure or sheet, an empty sheet, no Python; any VBA error ends in a message, never in the
' debugger. The Python side writes its results to its own sheets and shows its own messages.
' The Subs are named Ribbon_*: VBA names are case-insensitive, and the worksheet functions are XT_*
' (module xlwings_udfs, generated at build time by xltools.addin.udfvba).
' Keep this file ASCII (the VBA project is stored in code page 1252): Chinese text is written as \uXXXX
' escapes that U() decodes; the English next to each constant says what it means.
Option Explicit

Private Const NEED_BOOK As Long = 1    ' a workbook must be open
Private Const NEED_DATA As Long = 3    ' ... and the active sheet a worksheet with cells (includes NEED_BOOK)
Private Const MARKS_CELLS As Long = 4  ' fills and notes go into the active sheet: it must not be protected
Private Const NEW_BOOK As Long = 8     ' without a workbook, start a new one
Private Const SHOW_HELP As Long = 16   ' without a workbook, the short help from here

' xltools performance tools
Private Const TITLE As String = "xltools \u7ee9\u6548\u5de5\u5177"
' Open the workbook (the performance target table) first, then click this button.
Private Const MSG_NO_BOOK As String = "\u8bf7\u5148\u6253\u5f00\u8981\u5904\u7406\u7684\u5de5\u4f5c\u7c3f\uff08\u7ee9\u6548\u76ee\u6807\u8868\uff09\uff0c\u518d\u70b9\u8fd9\u4e2a\u6309\u94ae\u3002"
' The workbook is in Protected View: click Enable Editing first.
Private Const MSG_PROTECTED_VIEW As String = "\u8fd9\u4e2a\u5de5\u4f5c\u7c3f\u5728\u201c\u53d7\u4fdd\u62a4\u7684\u89c6\u56fe\u201d\u4e2d\u6253\u5f00\u3002\u8bf7\u5148\u70b9\u9ec4\u8272\u63d0\u793a\u6761\u4e0a\u7684\u201c\u542f\u7528\u7f16\u8f91\u201d\uff0c\u518d\u70b9\u8fd9\u4e2a\u6309\u94ae\u3002"
' The workbook structure is protected: xltools cannot add sheets. Unprotect it under Review > Protect Workbook.
Private Const MSG_BOOK_PROTECTED As String = "\u8fd9\u4e2a\u5de5\u4f5c\u7c3f\u7684\u7ed3\u6784\u53d7\u4fdd\u62a4\uff0cxltools \u65e0\u6cd5\u6dfb\u52a0\u5de5\u4f5c\u8868\u3002\u8bf7\u5148\u5728\u201c\u5ba1\u9605 \u2192 \u4fdd\u62a4\u5de5\u4f5c\u7c3f\u201d\u4e2d\u64a4\u9500\u4fdd\u62a4\u3002"
' The active sheet is not a worksheet (a chart?): switch to the sheet with the table.
Private Const MSG_NOT_WORKSHEET As String = "\u5f53\u524d\u9009\u4e2d\u7684\u4e0d\u662f\u666e\u901a\u5de5\u4f5c\u8868\uff08\u53ef\u80fd\u662f\u56fe\u8868\uff09\u3002\u8bf7\u5207\u6362\u5230\u7ee9\u6548\u76ee\u6807\u8868\u6240\u5728\u7684\u5de5\u4f5c\u8868\u3002"
' The active sheet is empty: switch to the sheet with the table (or select the cells) and try again.
Private Const MSG_EMPTY As String = "\u5f53\u524d\u5de5\u4f5c\u8868\u662f\u7a7a\u7684\u3002\u8bf7\u5207\u6362\u5230\u7ee9\u6548\u76ee\u6807\u8868\u6240\u5728\u7684\u5de5\u4f5c\u8868\uff08\u6216\u9009\u4e2d\u8981\u5904\u7406\u7684\u5355\u5143\u683c\uff09\u540e\u518d\u8bd5\u3002"
' The active sheet is protected: xltools cannot mark the cells. Unprotect it under Review > Unprotect Sheet.
Private Const MSG_SHEET_PROTECTED As String = "\u5f53\u524d\u5de5\u4f5c\u8868\u53d7\u4fdd\u62a4\uff0cxltools \u65e0\u6cd5\u7ed9\u95ee\u9898\u5355\u5143\u683c\u6807\u8272\u548c\u52a0\u6279\u6ce8\u3002\u8bf7\u5148\u70b9\u201c\u5ba1\u9605 \u2192 \u64a4\u9500\u5de5\u4f5c\u8868\u4fdd\u62a4\u201d\uff0c\u518d\u8bd5\u4e00\u6b21\u3002"
' Python was not found. Install Python 3.11 (64-bit), then run install.bat of the offline bundle (or pip install xltools; python -m xltools addin install) and restart Excel.
Private Const MSG_NO_PYTHON As String = "\u627e\u4e0d\u5230 Python\uff0c\u6309\u94ae\u65e0\u6cd5\u8fd0\u884c\u3002\n\u8bf7\u5b89\u88c5 Python 3.11\uff0864 \u4f4d\uff09\uff0c\u518d\u53cc\u51fb\u79bb\u7ebf\u5b89\u88c5\u5305\u91cc\u7684 install.bat\uff1b\n\u6216\u5728\u547d\u4ee4\u63d0\u793a\u7b26\u4e2d\u8fd0\u884c\uff1a\npy -3.11 -m pip install xltools\npy -3.11 -m xltools addin install\n\u7136\u540e\u91cd\u65b0\u6253\u5f00 Excel\u3002"
' Python did not finish normally (see the previous window). If it says No module named xltools, run install.bat again.
Private Const MSG_PYTHON_FAILED As String = "Python \u6ca1\u6709\u6b63\u5e38\u7ed3\u675f\uff08\u8be6\u7ec6\u4fe1\u606f\u89c1\u4e0a\u4e00\u4e2a\u7a97\u53e3\uff09\u3002\n\u5982\u679c\u5176\u4e2d\u6709 No module named xltools\uff0c\u8bf7\u518d\u8fd0\u884c\u4e00\u6b21\u79bb\u7ebf\u5b89\u88c5\u5305\u91cc\u7684 install.bat\u3002"
' xltools failed; send this text to support:
Private Const MSG_VBA_ERROR As String = "xltools \u51fa\u9519\u4e86\u3002\u8bf7\u628a\u8fd9\u6bb5\u6587\u5b57\u53d1\u7ed9\u6280\u672f\u652f\u6301\uff1a\n"
' help shown when no workbook is open (with one, Python shows the full help)
Private Const MSG_HELP As String = "xltools \u7ee9\u6548\u5de5\u5177\n\u62c6\u5206\u6307\u6807\u3001\u5408\u5e76\u6307\u6807\u3001\u5408\u8ba1\u6821\u9a8c\u3001\u751f\u6210\u7533\u62a5\u8868\uff1a\u5148\u6253\u5f00\u7ee9\u6548\u76ee\u6807\u8868\u3002\n\u7a7a\u767d\u6a21\u677f\uff1a\u65b0\u589e\u4e00\u5f20\u7a7a\u767d\u7533\u62a5\u8868\u3002\n\u751f\u6210\u76d1\u63a7\u8868\u3001\u751f\u6210\u81ea\u8bc4\u8868\u3001\u8ba1\u7b97\u5f97\u5206\uff1a\u5e74\u5ea6\u7ee9\u6548\u76d1\u63a7\u4e0e\u81ea\u8bc4\u3002\n\u51fd\u6570\uff1a=XT_SPLIT(G7)\u3001=XT_VALUE(\u2026)\u3001=XT_NUM(\u2026)\u3001=XT_CHECK(\u2026)\u3001=XT_COUNT(\u2026)\u3001=XT_JOIN(\u2026)\u3001=XT_SCORE(\u2026)\u3001=XT_LIGHT(\u2026)\u3002"

Sub Ribbon_Split(control As IRibbonControl)  ' button xtSplit
    RunXltools "xltools.excel.macros", "split_indicators", NEED_DATA
End Sub

Sub Ribbon_Join(control As IRibbonControl)  ' button xtJoin
    RunXltools "xltools.excel.macros", "join_indicators", NEED_BOOK
End Sub

Sub Ribbon_Check(control As IRibbonControl)  ' button xtCheck
    RunXltools "xltools.excel.macros", "check_workbook", NEED_DATA Or MARKS_CELLS
End Sub

Sub Ribbon_Templates(control As IRibbonControl)  ' button xtTemplates
    RunXltools "xltools.excel.macros", "build_templates", NEED_DATA
End Sub

Sub Ribbon_Blank(control As IRibbonControl)  ' button xtBlank
    RunXltools "xltools.excel.macros", "blank_template", NEW_BOOK
End Sub

Sub Ribbon_Monitor(control As IRibbonControl)  ' button xtMonitor
    RunXltools "xltools.excel.macros_yearly", "build_monitor", NEED_DATA
End Sub

Sub Ribbon_SelfEval(control As IRibbonControl)  ' button xtSelfEval
    RunXltools "xltools.excel.macros_yearly", "build_selfeval", NEED_DATA
End Sub

Sub Ribbon_Score(control As IRibbonControl)  ' button xtScore
    RunXltools "xltools.excel.macros_yearly", "score_workbook", NEED_BOOK
End Sub

Sub Ribbon_Help(control As IRibbonControl)  ' button xtHelp
    RunXltools "xltools.excel.macros", "show_help", SHOW_HELP
End Sub

Private Sub RunXltools(ByVal moduleName As String, ByVal funcName As String, ByVal needs As Long)
    ' The checks, then RunPython "import <module> as m; m.<func>()"
    On Error GoTo failed
    If ActiveWorkbook Is Nothing Then
        If (needs And NEW_BOOK) <> 0 Then
            Workbooks.Add
        ElseIf (needs And SHOW_HELP) <> 0 Then
            Say U(MSG_HELP)
            Exit Sub
        ElseIf InProtectedView() Then
            Say U(MSG_PROTECTED_VIEW)
            Exit Sub
        Else
            Say U(MSG_NO_BOOK)
            Exit Sub
        End If
    End If
    If (needs And SHOW_HELP) = 0 And ActiveWorkbook.ProtectStructure Then
        Say U(MSG_BOOK_PROTECTED)
        Exit Sub
    End If
    If (needs And NEED_DATA) = NEED_DATA Then
        If TypeName(ActiveSheet) <> "Worksheet" Then
            Say U(MSG_NOT_WORKSHEET)
            Exit Sub
        End If
        If Application.WorksheetFunction.CountA(ActiveSheet.UsedRange) = 0 Then
            Say U(MSG_EMPTY)
            Exit Sub
        End If
    End If
    If (needs And MARKS_CELLS) <> 0 Then
        If ActiveSheet.ProtectContents Then
            Say U(MSG_SHEET_PROTECTED)
            Exit Sub
        End If
    End If
    If Not PythonFound() Then Exit Sub
    If RunPython("import " & moduleName & " as m; m." & funcName & "()") = -1 Then Say U(MSG_PYTHON_FAILED)
    Exit Sub
failed:
    Say U(MSG_VBA_ERROR) & "VBA " & Err.Number & ": " & Err.Description & " (" & funcName & ")"
End Sub

Private Function InProtectedView() As Boolean
    On Error Resume Next  ' ActiveProtectedViewWindow: Excel 2010 and later
    InProtectedView = Not (Application.ActiveProtectedViewWindow Is Nothing)
End Function

Private Function PythonFound() As Boolean
    ' The interpreter RunPython will start (the same settings as xlwings' ExecuteWindows), checked first so
    ' that a missing Python is explained in Chinese instead of "Could not find Interpreter!".
    Dim interpreter As String, folder As Variant, pathDir As String
    PythonFound = True
    #If Mac Then
        Exit Function
    #Else
        If GetConfig("CONDA PATH") <> "" And GetConfig("CONDA ENV") <> "" Then Exit Function
        interpreter = GetConfig("INTERPRETER_WIN", "")
        If interpreter = "" Then interpreter = GetConfig("INTERPRETER", "python")
        If interpreter = "python" Or interpreter = "pythonw" Then
            For Each folder In Split(Environ("PATH"), ";")
                pathDir = folder
                If Right$(pathDir, 1) = "\" Then pathDir = Left$(pathDir, Len(pathDir) - 1)
                ' WindowsApps holds the Microsoft Store stub python.exe, which only opens the Store
                If pathDir <> "" And InStr(1, pathDir, "\WindowsApps", vbTextCompare) = 0 Then
                    If FileExists(pathDir & "\python.exe") Then Exit Function
                End If
            Next folder
        ElseIf FileExists(interpreter) Then
            Exit Function
        End If
        PythonFound = False
        Say U(MSG_NO_PYTHON) & vbCrLf & vbCrLf & "(INTERPRETER_WIN: " & interpreter & ")"
    #End If
End Function

Private Sub Say(ByVal text As String)
    ' A message box (text already decoded) that shows Chinese on any Windows: WScript.Popup is Unicode,
    ' MsgBox goes through the ANSI code page
    On Error GoTo plain
    #If Mac Then
        GoTo plain
    #Else
        WScript.Popup text, 0, U(TITLE), 48
        Exit Sub
    #End If
plain:
    MsgBox text, vbExclamation, U(TITLE)
End Sub

Private Function U(ByVal s As String) As String
    ' Decode the \uXXXX and \n escapes of the constants above (the source stays ASCII).
    Dim i As Long, code As Long, out As String
    i = 1
    Do While i <= Len(s)
        If Mid$(s, i, 2) = "\u" And i + 5 <= Len(s) Then
            code = CLng("&H" & Mid$(s, i + 2, 4))
            If code < 0 Then code = code + 65536
            out = out & ChrW(code)
            i = i + 6
        ElseIf Mid$(s, i, 2) = "\n" Then
            out = out & vbCrLf
            i = i + 2
        Else
            out = out & Mid$(s, i, 1)
            i = i + 1
        End If
    Loop
    U = out
End Function
