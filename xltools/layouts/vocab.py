"""Header and label vocabularies of the table layouts, as data.

Spellings are canonical (:func:`xltools.normalize.normalize`, then spaces, line breaks and a
trailing ``:`` removed).  Sources — published forms seen through the ``search`` pages corpus:

* 财政部《中央部门预算绩效目标管理办法》（财预〔2015〕88号）附件 项目支出绩效目标申报表: 项目名称, 主管部门及代码,
  实施单位, 项目属性, 项目期, 项目资金（万元） 中期资金总额 / 年度资金总额 / 其中：财政拨款 / 其他资金, 总体目标
  中期目标 / 年度目标, 一级指标 | 二级指标 | 三级指标 | 指标值 in two side-by-side blocks;
* 佳县财政支出项目绩效目标申报表 (docx.baby/p/20793843881926.html): 项目实施单位, 项目资金申请（万元） 资金总额 /
  财政拨款 / 自有资金, 长期目标 / 年度目标, 长期绩效指标 | 年度绩效指标 blocks with 指标内容 | 指标值 | 备注;
* 宁乡市坝塘镇 项目绩效目标表(2021年度) (renrendoc.com/paper/307484460.html): 资金总额及构成 总额10606.7522万元;
* 黄冈市 水土保持监测项目绩效自评表: 预算数(A) | 执行数(B) | 得分, 年初目标值(A) | 实际完成值(B) | 得分;
* 部门整体支出绩效目标申报表 (广水市人民政府办公室, pdf.chddh.cn): 部门(单位)名称, 单位：万元;
* budget-system exports (计算符号, 指标值, 计量单位/度量单位, 指标方向, 权重/分值, 评分标准/指标解释/取值依据);
* 邯郸市财政局 邯财社〔2018〕126号 提前下达2019年中央财政困难群众救助补助预算指标绩效目标表
  (boteman.cn/paper/219141832.html; tests/data/real/029): no 项目名称 label, the subject is in the title line
  after the 文号, ``提前下达`` and the year; grid 绩效指标分类 | 绩效指标 | 绩效指标描述 | 绩效指标评价标准 over
  优 | 良 | 中 | 差 | 评价标准确定依据.  The grades: 优 / 良 / 中 / 差 are the four 等级 of 财政部《项目支出绩效
  评价管理办法》（财预〔2020〕10号: 90–100 优, 80–90 良, 60–80 中, under 60 差); 优秀 / 良好 / 合格 (一般) /
  不合格 (较差) the same four as many provincial 评价等级 tables word them.
"""

from __future__ import annotations

import re

__all__ = [
    "BLOCK_ANNUAL", "BLOCK_PERIOD", "FOOTER", "GRADES", "GRADE_PARENT", "GRID_COLUMNS", "GRID_PATTERNS", "LABELS",
    "LABEL_PATTERNS", "LABEL_PRIORITY", "LEVEL_LIKE", "NAME_COLUMNS", "SEAL", "SKIP_TEXT", "STRONG_LABELS",
    "SUBJECT_GENERIC", "SUBJECT_STRIP", "SUBJECT_TITLE", "TITLE", "UNIT_LINE",
]

#: Indicator-grid columns: field -> header texts.  ``value`` is the year's target, ``period`` the
#: 实施期/中期 target; ``op`` may hold ≥ ≤ = or 定量/定性 (then kept as ``nature``).
GRID_COLUMNS: dict[str, tuple[str, ...]] = {
    "level1": ("一级指标", "一级", "一级指标名称", "一级目标", "绩效指标分类", "指标类别", "指标分类", "绩效指标类别"),
    "level2": ("二级指标", "二级", "二级指标名称", "二级目标", "评价内容"),
    "level3": ("三级指标", "三级", "三级指标名称", "指标名称", "指标内容", "具体指标", "绩效指标名称", "指标"),
    "op": ("计算符号", "符号", "运算符号", "比较符号", "指标性质", "指标值性质", "判断符号", "比较方式", "性质"),
    "value": ("指标值", "目标值", "年度指标值", "年度目标值", "年初目标值", "预期目标值", "绩效目标值", "预期值",
              "指标目标值", "本年度指标值", "年度值", "年度数值", "数值",
              "当年指标值", "全年指标值", "年度绩效指标值", "目标值/指标值"),
    "period": ("实施期指标值", "实施周期指标值", "中期指标值", "长期指标值", "中期目标值", "长期目标值", "实施期目标值",
               "总体指标值"),
    "value_unit": ("计量单位", "度量单位", "单位", "指标单位", "指标值单位", "计量单位名称"),
    "direction": ("指标方向", "指标方向性", "方向", "指标值方向"),
    "weight": ("权重", "分值", "指标分值", "权重分值", "权重(%)", "分值(分)", "指标权重", "标准分值", "满分"),
    "actual": ("全年实际值", "实际完成值", "实际值", "完成值", "实际完成情况", "年度实际完成值", "实际实现值", "全年完成值"),
    "score": ("得分", "评分", "自评得分", "实际得分"),
    "remark": ("备注", "说明"),
    "seq": ("序号", "编号"),
}
#: Headers read by what they contain, tried after :data:`GRID_COLUMNS` (first match wins).
GRID_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^三级指标|^指标名称"), "level3"),
    (re.compile(r"原因|改进措施"), "reason"),
    (re.compile(r"计算方法|计分方法"), "basis"),
    (re.compile(r"^(?:绩效)?(?:指标)?描述$|^指标内容描述$"), "description"),
    (re.compile(r"依据|评分标准|计分|评分方法|评分规则|指标解释|指标说明|指标定义|评价标准|指标标准|考核标准|绩效标准|指标描述"),
     "basis"),
    (re.compile(r"实际"), "actual"),
    (re.compile(r"得分"), "score"),
    (re.compile(r"^(?:年度|本年度?|当年|全年)?(?:指标值|目标值)|预期.*值$|预计.*值$|^(?:预期|计划)?\d{4}年.*(?:实现值|目标值|指标值)$"),
     "value"),
)
#: A name column when the header has no 三级指标: ``绩效指标`` right of a 一级 column
#: (绩效指标分类 | 绩效指标 | 绩效指标描述 …, 029).  Left of the levels it is a row label, not a column.
NAME_COLUMNS = frozenset({"绩效指标"})
#: Grades under a 评价标准 header (优 | 良 | 中 | 差): the best grade's standard is the target value, the
#: others are kept in ``Indicator.extra`` under their key.  Word -> rank key (``value`` for the best).
GRADES: dict[str, str] = {
    "优": "value", "优秀": "value", "好": "value",
    "良": "grade_good", "良好": "grade_good", "较好": "grade_good",
    "中": "grade_fair", "中等": "grade_fair", "一般": "grade_fair", "合格": "grade_fair", "及格": "grade_fair",
    "差": "grade_poor", "较差": "grade_poor", "不合格": "grade_poor", "不及格": "grade_poor",
}
#: The header a row of grades hangs under (评价标准, 评分标准, 考核标准, 指标值 …).
GRADE_PARENT = re.compile(r"标准|等级|指标值|目标值")
#: Block qualifiers (a header cell over a block, or the upper cell over 指标值).
BLOCK_PERIOD = re.compile(r"实施期|实施周期|中期|长期|总体|整体")
BLOCK_ANNUAL = re.compile(r"年度|当年|本年|全年|\d{4}年")

#: Form labels: field -> label texts.  ``ignore`` labels are consumed (their value is not a field).
LABELS: dict[str, tuple[str, ...]] = {
    "name": ("项目名称", "项目全称", "项目支出名称", "转移支付名称", "转移支付项目名称", "转移支付(项目)名称", "专项资金名称",
             "专项名称", "资金名称", "政策名称", "项目(政策)名称", "政策(项目)名称"),
    "department": ("主管部门", "主管部门及代码", "主管部门名称", "主管单位", "部门名称", "部门(单位)名称", "单位名称",
                   "预算部门", "预算单位", "填报单位", "中央主管部门", "地方主管部门", "省级主管部门", "部门"),
    "unit_name": ("实施单位", "项目实施单位", "项目单位", "执行单位", "资金使用单位", "实施主体", "项目承担单位"),
    "total": ("年度资金总额", "项目资金", "资金总额", "项目金额", "项目总额", "预算金额", "年度预算", "项目预算",
              "项目资金总额", "年度预算数", "预算数", "年度财政资金总额", "资金情况", "年度金额", "总额", "年度资金",
              "项目资金申请", "资金总额及构成", "当年金额", "年度资金总量", "中期资金总额", "实施期资金总额",
              "项目总资金", "总金额"),
    "fiscal": ("财政拨款", "当年财政资金", "财政资金", "一般公共预算", "一般公共预算拨款", "本级财政资金",
               "财政拨款资金", "年度财政拨款", "其中:财政拨款", "其中:当年财政资金", "其中:财政资金",
               "预算资金"),  # 湖南 项目资金申请: 资金总额 / 一、预算资金 / 二、自有资金 / 三、其他 (002)
    "special": ("财政专户拨款", "财政专户管理资金"),
    "other": ("其他资金", "其他", "自有资金", "其中:其他资金"),
    "goal": ("年度目标", "年度绩效目标", "年度总体目标", "总体目标", "实施期目标", "中期目标", "长期目标",
             "绩效目标", "项目绩效目标", "预期目标", "年度主要任务", "总体绩效目标", "项目年度绩效目标",
             "整体绩效目标", "部门整体绩效目标", "区域绩效目标", "年度区域绩效目标"),
    "ignore": ("项目负责人", "联系电话", "项目属性", "项目期", "项目类型", "项目类别", "项目起止时间", "填报人",
               "填报日期", "单位负责人", "负责人", "项目负责人及电话", "项目概况", "项目实施进度计划", "单位职能概述",
               "实际完成情况", "执行数", "执行率", "全年执行数", "全年预算数", "年初预算数", "分值", "得分",
               "资金来源", "项目编码", "项目代码", "单位代码", "主管部门编码", "功能科目编码", "功能科目名称",
               "是否新增", "项目属性及类型", "预算执行情况", "年度", "资金用途", "区域", "资金分配", "主要内容"),
}
#: Labels read by what they look like, tried after :data:`LABELS` (``年度本级预算金额``, ``本年度绩效目标``).
LABEL_PATTERNS: tuple[tuple[re.Pattern[str], str, int], ...] = (
    # 本年财政拨款 (安徽 自评表, 004), 当年财政拨款 (云南 自评表, 011)
    (re.compile(r"^(?:本年度?|当年|年度|本级)?财政(?:拨款|资金)(?:资金|收入)?$"), "fiscal", 2),
    (re.compile(r"^(?:项目|专项|转移支付|政策|资金)[\u4e00-\u9fff()]{0,6}名称$"), "name", 1),
    (re.compile(r"^(?:年度|本年度?|当年)[\u4e00-\u9fff]{0,6}(?:预算金额|预算数|资金总额|预算|金额|资金|投入)$"), "total", 0),
    (re.compile(r"^[\u4e00-\u9fff]{0,8}(?:预算金额|资金总额|总预算|预计投入)$"), "total", 3),
    (re.compile(r"^(?:本年度|年度|当年)[\u4e00-\u9fff]{0,4}(?:绩效)?目标$"), "goal", 0),
    (re.compile(r"^(?:实施期|中长期|中期|长期|总体)[\u4e00-\u9fff]{0,4}(?:绩效)?目标$"), "goal", 6),
)
#: Among several labels of one field, the lower number wins (年度 over 中期; the annual goal).
LABEL_PRIORITY: dict[str, int] = {
    "年度资金总额": 0, "年度预算数": 0, "年度预算": 0, "年度财政资金总额": 0, "年度资金": 0, "年度金额": 0,
    "当年金额": 0, "年度资金总量": 0,
    "中期资金总额": 9, "实施期资金总额": 9, "资金情况": 5, "项目资金申请": 5, "总额": 4, "资金总额及构成": 4,
    "年度目标": 0, "年度绩效目标": 0, "项目年度绩效目标": 0, "年度总体目标": 1, "预期目标": 2, "年度主要任务": 3,
    "绩效目标": 3, "项目绩效目标": 3, "整体绩效目标": 3, "部门整体绩效目标": 3, "区域绩效目标": 3,
    "年度区域绩效目标": 1, "总体目标": 5, "总体绩效目标": 5, "实施期目标": 6, "中期目标": 6, "长期目标": 7,
    "主管部门": 0, "主管部门及代码": 0, "主管部门名称": 0, "部门名称": 0, "部门(单位)名称": 0, "单位名称": 1,
    "预算部门": 1, "预算单位": 1, "地方主管部门": 2, "省级主管部门": 2, "中央主管部门": 3, "主管单位": 1,
    "填报单位": 4, "部门": 5,
}
#: Labels that start a new form after an indicator grid; a 项目名称 (``name``) also when the form already has one.
#: A 部门 label met again (中央/省级/市级主管部门, 单位名称 then 主管部门) is the same form.
STRONG_LABELS = frozenset({"name", "department"})
#: A sign-off placeholder in a label's value (``填报单位：（盖章）``, ``主管部门（签章）：``): not a value.
SEAL = re.compile(r"[(（]\s*(?:盖章|签章|公章|印章|签字|签名|签字盖章|盖章签字)\s*[)）]|^\s*(?:盖章|签章|签字)\s*$")
#: A unit line (``单位：万元``, ``金额单位：元``): the money unit of the forms under it, never a label's value.
UNIT_LINE = re.compile(r"(?:金额|资金|货币)?单位\s*[:：]\s*(万元|元)")
#: A level cell as written in real grids when the vocabulary does not know it (``项目完成指标``, ``进度指标``,
#: ``服务对象满意度指标等``): short and ending in 指标 / 目标 / 效益 / 成本.
LEVEL_LIKE = re.compile(r"^.{1,14}(?:指标|目标|效益|成本)等?$")

#: A title line: starts a new form when the current one already has content.
TITLE = re.compile(r"(?:绩效|指标).{0,8}表(?:\(.*\))?$|申报表|批复表|审批表|自评表")
#: A title that names its subject (no 项目名称 label): the subject is what is left once
#: :data:`SUBJECT_STRIP` is taken off, unless that is a bare form name (:data:`SUBJECT_GENERIC`).
SUBJECT_TITLE = re.compile(r"(?:绩效目标表|目标表|申报表)$")
SUBJECT_STRIP: tuple[re.Pattern[str], ...] = (
    re.compile(r"\((?:\d{4}年度?|\d{4})\)$"),                        # (2021年度)
    re.compile(r"^[\u4e00-\u9fff]{1,10}[〔\[【(]\d{4}[〕\]】)]\d+号"),  # 邯财社〔2018〕126号
    re.compile(r"^(?:关于)?(?:提前|预先)?(?:下达|分配|拨付)"),           # 提前下达
    re.compile(r"^\d{4}年度?"),                                      # 2019年
    re.compile(r"(?:部门整体|单位整体|整体|区域)?(?:预算指标|预算资金|预算)?(?:支出)?绩效目标(?:申报)?表$|目标表$|"
               r"(?:绩效目标)?申报表$"),
    re.compile(r"\d{4}年度?$"),                                      # 某局2024年度(部门整体…)
)
SUBJECT_GENERIC = frozenset({"", "项目", "项目支出", "财政", "财政支出", "财政支出项目", "财政项目支出", "部门整体支出",
                             "部门整体", "部门", "整体支出", "区域", "转移支付", "专项资金", "专项转移支付", "中央转移支付",
                             "项目资金", "财政专项资金", "部门项目支出", "部门预算项目", "预算项目",
                             "财政项目", "部门项目"})  # 财政/部门项目支出绩效目标表 less 支出绩效目标表
#: Lines under a grid that end it (notes, sign-off, totals of a self-evaluation).
#: Seen on real forms: 其他需要说明事项 (云南 自评表, 011), 评价结论 / 存在问题 / 改进措施 / 项目负责人 (四川 自评表, 018),
#: 其他需说明的问题 (湖南, 002), 合计 (a 权重 total under a self-evaluation grid, 018).
FOOTER = re.compile(r"^(?:填表说明|填报说明|说明(?=[:：\d、.(（]|$)|注(?=[:：\d、.(（]|$)|备注|审核意见|填报人|单位负责人|"
                    r"财务负责人|项目负责人|总分|合计得分|合计$|偏差大或目标未完成原因|偏差原因|主管部门审核意见|财政部门审核意见|联系电话|其他需要?说明|其他说明|"
                    r"评价结论|存在问题|改进措施)")
#: Rows that hold nothing: ``……`` and the like.
SKIP_TEXT = re.compile(r"^[.…。·\-—_/\\、,，\s]*$|^(?:略|无|同上)$|^\d{1,2}\s*[.、．]?$")
