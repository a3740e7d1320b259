/// Word lists for organizations that the place-headed suffix rule cannot find, used beside
/// ``Gazetteer``'s (issue 18):
/// - national bodies named without a place (公安部, 财政部, 海关总署, 国家统计局, 体育总局, 证监会, 全国人大常委会),
///   the State Council's departments, bureaus and commissions, old names included (国家计委, 农业部),
///   and the national banks (中国银行, 中国农业银行, 建设银行): each is matched as a whole word, so
///   neighbouring names never merge (中国银行、中国农业银行 are two);
/// - suffixes of branches and courts (支行, 分行, 人民法院, 检察院, 总署), and 机构 after 国家 only
///   (国家国防专利机构; 金融机构, 科研机构 are kinds);
/// - words that end a name when scanning left from its suffix, beside ``Gazetteer/boundaries``:
///   verbs of government prose (安排, 责成, 授权 …), so that no span starts mid-clause
///   (深圳安排市人民政府 → 市人民政府);
/// - categories that are not names before 公司/银行/机构 (财险公司, 人身险公司, 村镇银行).
enum OrganizationLexicon {
    /// National bodies and banks, matched as whole words.
    static let national: WordTable<Bool> = {
        let words = """
        外交部 国防部 教育部 科学技术部 工业和信息化部 公安部 国家安全部 民政部 司法部 财政部 人力资源和社会保障部 自然资源部 \
        生态环境部 住房和城乡建设部 交通运输部 水利部 农业农村部 商务部 文化和旅游部 退役军人事务部 应急管理部 审计署 \
        国家民族事务委员会 国家卫生健康委员会 国家发展和改革委员会 国务院国有资产监督管理委员会 \
        海关总署 国家税务总局 国家市场监督管理总局 国家金融监督管理总局 国家广播电视总局 国家体育总局 国家信访局 国家统计局 \
        国家知识产权局 国家国际发展合作署 国家医疗保障局 国家机关事务管理局 国家数据局 国务院参事室 国务院研究室 国务院办公厅 \
        国务院港澳事务办公室 国务院台湾事务办公室 国务院新闻办公室 国务院发展研究中心 新华通讯社 中国社会科学院 中国气象局 \
        国家粮食和物资储备局 国家能源局 国家国防科技工业局 国家烟草专卖局 国家移民管理局 国家林业和草原局 国家铁路局 \
        中国民用航空局 国家邮政局 国家文物局 国家中医药管理局 国家疾病预防控制局 国家矿山安全监察局 国家消防救援局 \
        国家外汇管理局 国家药品监督管理局 国家公务员局 国家档案局 国家保密局 国家密码管理局 国家航天局 国家原子能机构 国家核安全局 \
        中国证券监督管理委员会 中国银行保险监督管理委员会 中国银行业监督管理委员会 中国保险监督管理委员会 \
        国家计划委员会 国家经济贸易委员会 国家科学技术委员会 国家环境保护总局 环境保护部 国土资源部 农业部 文化部 卫生部 \
        国家卫生和计划生育委员会 国家质量监督检验检疫总局 国家工商行政管理总局 国家食品药品监督管理总局 国家新闻出版广电总局 \
        监察部 人事部 劳动和社会保障部 铁道部 建设部 信息产业部 国家旅游局 国家安全生产监督管理总局 国家海洋局 \
        住建部 农业农村部 体育总局 广电总局 证监会 中国证监会 银保监会 中国银保监会 银监会 保监会 国家卫健委 国家计委 国家经贸委 \
        国家移民局 国家医保局 国家能源局 国家林草局 国家药监局 国家外汇局 国家网信办 \
        全国人民代表大会 全国人民代表大会常务委员会 全国人大常委会 全国人大 全国政协 中国人民政治协商会议全国委员会 \
        中共中央 中共中央办公厅 中央军事委员会 中央军委 最高人民法院 最高人民检察院 国家监察委员会 中央纪委 \
        中共中央纪律检查委员会 中央组织部 中央宣传部 中央统战部 中央网信办 全国总工会 共青团中央 全国妇联 新疆生产建设兵团 \
        中国人民银行 人民银行 国家开发银行 中国进出口银行 中国农业发展银行 中国工商银行 工商银行 中国农业银行 农业银行 中国银行 \
        中国建设银行 建设银行 交通银行 中国邮政储蓄银行 邮储银行 招商银行 中信银行 中国光大银行 光大银行 浦发银行 中国民生银行 \
        民生银行 兴业银行 华夏银行 广发银行 平安银行
        """
        return WordTable(words.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { (String($0), true) })
    }()

    /// Characters after a name ending in 部 that make it part of a word (公安部门, 建设部署, 农业部分, 外交部长).
    static func endsWord(_ s: [UInt32], name end: Int) -> Bool {
        guard s.at(end - 1) == 0x90E8 else { return false }                      // 部
        switch s.at(end) {
        case 0x95E8, 0x7F72, 0x5206, 0x4F4D, 0x4EF6, 0x957F, 0x843D, 0x961F: return true   // 门 署 分 位 件 长 落 队
        default: return false
        }
    }

    /// A suffix beginning with 分 (分行, 分院, 分会, 分公司) right after a character it makes a word with
    /// (部分, 成分, 划分, 充分, 区分, 十分): the name is not there.
    static func splitsWord(_ s: [UInt32], suffixAt i: Int) -> Bool {
        guard s.at(i) == 0x5206 else { return false }                            // 分
        switch s.at(i - 1) {
        case 0x90E8, 0x6210, 0x5212, 0x5145, 0x533A, 0x5341, 0x5904, 0x79EF, 0x8BC4, 0x5F97, 0x8FC7, 0x8EAB, 0x6C34, 0x517B:
            return true      // 部 成 划 充 区 十 处 积 评 得 过 身 水 养
        default: return false
        }
    }

    /// Suffixes of branches, courts and other bodies that ``Gazetteer/suffixes`` lacks.
    static let suffixes: WordTable<Gazetteer.Strength> = {
        var e: [(String, Gazetteer.Strength)] = []
        for w in ["支行", "分行", "中心支行", "营业部", "机构"] { e.append((w, .weak)) }
        for w in ["人民法院", "中级人民法院", "高级人民法院", "法院", "人民检察院", "检察院", "总署", "证监局", "银保监局",
                  "监管局", "监管分局", "调查队", "税务局"] {
            e.append((w, .government))
        }
        return WordTable(e)
    }()

    /// Verbs of government prose that end a name when scanning left from its suffix.
    static let boundaries: WordTable<Bool> = {
        let words = """
        安排 责成 授权 商请 配合 督促 通知 报送 提交 拨付 给予 协助 会商 指定 确定 明确 规定 负责 统筹 \
        部署 决定 颁发 颁布 服务于 进入 来自 向 应当 应该 可以 必须 不得 需要 要 维护 处理 依照 断绝 \
        告知 通报 报告 抄送 抄报 函告 转告 请示 送交 移交 移送
        """
        return WordTable(words.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { (String($0), true) })
    }()

    /// Kinds of companies and banks that are categories, not names (财险公司, 人身险公司, 村镇银行).
    static let genericHeads: WordTable<Bool> = {
        let words = """
        财险 寿险 人身险 产险 健康险 养老险 意外险 车险 再保险 信托 担保 小贷 小额贷款 典当 租赁 融资租赁 基金 理财 \
        村镇 农商 城商 股份制 互联网 电商 快递 外卖 商业 政策性 开发性 国有 大型 各类 一般 专业 中介
        """
        return WordTable(words.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { (String($0), true) })
    }()

    // MARK: - lookups over both lexicons (each merged once with Gazetteer's: one lookup, not two)

    static let allKnown = WordTable(merging: Gazetteer.known, national)
    static let allSuffixes = WordTable(merging: Gazetteer.suffixes, suffixes)
    static let allBoundaries = WordTable(merging: Gazetteer.boundaries, boundaries)
    static let allGenericHeads = WordTable(merging: Gazetteer.genericHeads, genericHeads)

    /// Length of the longest known name (``Gazetteer/known`` or ``national``) starting at `i`.
    @inline(__always)
    static func known(_ s: [UInt32], at i: Int) -> Int? { allKnown.longest(in: s, at: i)?.0 }

    /// The longest suffix (either table) starting at `i`.
    @inline(__always)
    static func suffix(_ s: [UInt32], at i: Int) -> (Int, Gazetteer.Strength)? { allSuffixes.longest(in: s, at: i) }

    /// The longest suffix (either table) ending at `end`, not before `lower`.
    static func suffixEnding(_ s: [UInt32], at end: Int, notBefore lower: Int) -> Int? {
        allSuffixes.longestEnding(in: s, at: end, notBefore: lower)?.0
    }

    /// A boundary word (either table) starts at `i`.
    @inline(__always)
    static func boundary(_ s: [UInt32], at i: Int) -> Bool { allBoundaries.longest(in: s, at: i) != nil }

    /// A boundary word (either table) ends at `end`, not before `lower`.
    @inline(__always)
    static func boundaryEnding(_ s: [UInt32], at end: Int, notBefore lower: Int) -> Bool {
        allBoundaries.longestEnding(in: s, at: end, notBefore: lower) != nil
    }

    /// Length of the longest generic head (either table) ending at `end`, not before `lower`.
    static func genericHeadEnding(_ s: [UInt32], at end: Int, notBefore lower: Int) -> Int? {
        allGenericHeads.longestEnding(in: s, at: end, notBefore: lower)?.0
    }
}
