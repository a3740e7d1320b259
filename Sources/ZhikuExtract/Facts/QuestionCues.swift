/// The words a fact question is read by: what it asks for (kind), which end of a change, a target
/// or an achieved value, an event, a slot an organization fills. Word lists, not cases: each entry
/// is a way Chinese asks, not a question of the evaluation sets.
enum QuestionCues {
    static let dateCues = ["什么时候", "何时", "哪一年", "哪年", "几月", "哪天", "哪一天", "什么时间", "日期", "时间", "哪个月", "几号"]
    static let dateEndings = ["批复的", "成立的", "获批的", "通过的", "施行的", "印发的", "发布的", "签署的", "注册的"]
    static let countCues = ["多少", "几"]
    static let measureWords = ["个", "家", "名", "人", "位", "项", "件", "所", "户", "套", "篇", "支", "场", "台", "座", "只", "条", "种", "批", "次"]
    /// Units of a quantity (多少年, 多少亿斤, 几日内); checked after the measure words of counts.
    static let quantityUnits = ["亿斤", "万斤", "斤", "万吨", "亿吨", "吨", "公斤", "千克", "公里", "千米", "米", "千瓦", "万千瓦", "年", "日",
                                "天", "小时", "分钟", "个月", "周", "倍", "吨标准煤"]
    static let quantityCues = ["产量", "能耗", "年限", "期限", "时限", "里程", "装机", "吞吐量", "发电量", "受教育年限", "寿命"]
    static let landCues = ["占地", "亩", "用地", "公顷"]
    static let areaCues = ["面积", "多大", "平方米", "平米", "平方公里"]
    static let moneyCues = ["多少钱", "投资", "资金", "经费", "金额", "收入", "产值", "投入", "成交额", "营收", "元", "税收", "利润", "规模",
                            "生产总值", "GDP", "总值", "赤字", "债券", "贷款", "余额", "减税", "降费", "奖金", "支出", "销售额", "进出口额",
                            "出口额", "进口额", "总额", "补贴", "补助", "资本"]
    static let percentCues = ["占比", "比重", "百分之", "比例", "增长了多少", "增长多少", "增速", "增幅", "率", "强度", "提高了多少",
                              "下降了多少", "之比", "百分比", "占GDP", "占国内生产总值"]
    static let rankCues = ["第几", "排第", "排名", "名次"]
    /// A change of rank (前进了几名, 上升几位): a rank question, the value is the places moved.
    static let rankMoves = ["前进", "提升", "上升", "提高", "下降", "后退", "前移", "进位"]
    static let orgCues = ["哪个部门", "哪个机构", "哪个机关", "哪家企业", "哪家公司", "哪个单位", "哪家单位", "哪个法院", "哪个部委",
                          "由谁", "哪个实验室", "哪个组织", "什么机构", "哪家机构", "哪个中心", "哪个部", "什么部门", "哪一部门", "哪家",
                          "哪个委员会", "哪个高校", "哪所大学", "哪所", "什么单位", "哪些部门", "哪些单位", "哪个团队", "哪个平台"]
    static let personCues = ["哪位", "什么人", "谁作的", "谁所作", "是谁"]
    static let documentNumberCues = ["文号", "发文字号", "发文号"]

    /// The question asks for the end of a change (提高到多少, 最终, 期末值).
    static let toCues = ["提高到", "增加到", "增长到", "提升到", "提升至", "上升到", "上升至", "升至", "升到", "跃升到", "跃升至", "增至",
                         "扩大到", "扩大至", "降低到", "降低至", "下降到", "下降至", "减少到", "减少至", "降至", "调高到", "调高至",
                         "调整到", "调整为", "达到了多少", "最终", "期末", "到了多少", "提高到了", "增加到了", "跃居", "升到了"]
    /// …for the start (从多少, 由多少, 起点).
    static let fromCues = ["从多少", "由多少", "起点", "起步", "原来是多少", "从何"]
    /// …for a goal (目标, 预期, 力争, 计划, 拟, 安排).
    static let targetCues = ["目标", "预期", "力争", "计划", "拟", "安排", "设定", "部署", "要达到", "要增长", "要提高", "提出要", "争取",
                             "确保", "定的", "规划", "预计", "估算"]
    /// …for what was achieved (实际, 回顾, 完成).
    static let actualCues = ["实际", "回顾", "完成了", "实现了", "总结", "不是当年目标", "不是目标", "过去一年", "过去五年", "成绩", "成就"]
    /// …for a total over a period (累计, 一共, 五年).
    static let cumulativeCues = ["累计", "一共", "总共", "共计", "合计", "五年来", "过去五年", "期间", "时期"]
    /// …for a change (增长了多少, 增产了多少), not a level.
    static let changeCues = ["增长了多少", "增长多少", "增加了多少", "增产了多少", "增产多少", "减少了多少", "下降了多少", "提高了多少",
                             "增速", "增幅", "比上年增长", "比上年增产", "比上年", "同比", "提高了几"]

    /// Events whose date a question asks (…是哪天通过的); longest first.
    static let eventVerbs = ["修订通过", "审议通过", "批准组建", "正式批复", "完成注册", "通过", "修订", "修正", "施行", "实施", "批复",
                             "批准", "成立", "注册", "印发", "发布", "公布", "签署", "签发", "召开", "作的", "揭牌", "挂牌", "获批",
                             "认定", "组建", "商定", "开工", "竣工", "投产", "签约", "颁布"]
    /// Slots an organization fills in a clause (由X提出, 经X批准, X牵头, 向X申请).
    static let slotVerbs = ["提出", "批准", "批复", "牵头", "发布", "负责", "规定", "备案", "受理", "组建", "审查", "审批", "制定", "制订",
                            "主管", "管理", "承担", "设立", "认定", "颁发", "印发", "提起", "申请", "建设", "共建", "依托", "研究"]
}
