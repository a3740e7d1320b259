/// Word lists for organization detection: suffixes, place names, boundary words.
enum Gazetteer {
    /// Suffix strength: strong suffixes (companies, universities) accept a brand head; weak ones
    /// need a place or known parent in the head.
    enum Strength: Sendable { case strong, weak, government }

    static let suffixes: WordTable<Strength> = {
        var e: [(String, Strength)] = []
        for w in ["股份有限公司", "有限责任公司", "有限公司", "集团有限公司", "集团股份有限公司", "集团", "公司",
                  "大学", "交易所", "银行", "事务所", "研究院", "研究所"] {
            e.append((w, .strong))
        }
        for w in ["研究中心", "创新中心", "技术中心", "服务中心", "检测中心", "保护中心", "孵化中心", "发展中心",
                  "交流中心", "监测中心", "信息中心", "培训中心", "管理中心", "火炬中心", "促进中心", "转化中心",
                  "实验室", "重点实验室", "学院", "医院", "附属医院", "委员会", "管理委员会", "理事会",
                  "协会", "学会", "联合会", "商会", "研究会", "工程院", "科学院", "创新院", "所", "党委", "党工委",
                  "基金会", "出版社", "分院", "分会", "分公司", "分中心", "分所", "图书馆", "博物馆"] {
            e.append((w, .weak))
        }
        for w in ["人民政府", "政府", "办公室", "办公厅", "总局", "厅", "局", "管委会", "国资委", "发改委", "发展改革委", "发展改革委员会", "发展和改革委员会", "工信委",
                  "经信委", "科委", "金融办", "常委会", "办", "委",
                  "税务局", "公安局", "财政局", "科技局", "统计局", "商务局", "教育局", "卫健委", "工信局", "人社局", "海关",
                  "自然资源局", "生态环境局", "市场监督管理局", "工业和信息化局", "科学技术局", "科学技术厅"] {
            e.append((w, .government))
        }
        return WordTable(e)
    }()

    /// Place names and national prefixes that can head an organization name.
    static let places: WordTable<Bool> = {
        let words = """
        中国 中华 国家 中央 中共 国务院 北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 \
        湖南 广东 海南 四川 贵州 云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门 南昌 九江 景德镇 萍乡 新余 \
        鹰潭 赣州 吉安 宜春 抚州 上饶 章贡 南康 赣县 信丰 大余 上犹 崇义 安远 龙南 定南 全南 宁都 于都 兴国 会昌 寻乌 石城 \
        瑞金 赣南 赣江 赣西 赣东 华南 华东 华中 华北 西南 东北 西北 长江 珠江 深圳 广州 杭州 南京 武汉 长沙 成都 西安 厦门 \
        宁波 苏州 包头 兰州 大连 合肥 福州 昆明 长春 沈阳 哈尔滨 济南 青岛 郑州 太原 石家庄 南宁 贵阳 海口 乌鲁木齐 呼和浩特 \
        银川 西宁 拉萨 无锡 常州 佛山 东莞 珠海 温州 绍兴 嘉兴 烟台 潍坊 唐山 洛阳 宜宾 绵阳 株洲 湘潭 中科院 清华 北大 复旦 \
        同济 中山 南开 浙大 亚洲
        """
        return WordTable(words.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { (String($0), true) })
    }()

    /// Words that end a name when scanning left from a suffix (verbs, conjunctions, prepositions).
    static let boundaries: WordTable<Bool> = {
        let words = """
        与 和 及 以及 经过 在 由 对 向 为 是 将 被 把 让 等 的 了 从 到 至 或 并 还 也 均 就 即 包括 联合 落户 持有 签署 携手 会同 组织 \
        召开 印发 下达 设立 成立 依托 支持 推动 引进 现有 已 获 获批 获得 通过 担任 任 简称 以下简称 位于 来自 入选 出席 参加 主办 \
        承办 协办 指导 发布 公布 认定 授予 批准 批复 同意 要求 委托 牵头 共建 依据 根据 按照 其中 包含 隶属 属于 下属 旗下 \
        其 该 我 本 贵 此 各 全市 全省 全区 全县 首家 一家 多家 这 那 共有 拥有 新增 建成 建设 组建 集聚 引导 协调 会议 \
        听取 审议 关于 成为 作为 加入 同时 以 用 给 请 邀请 赴 前往 走访 考察 调研 视察 开展 举办 举行 启动 挂牌 揭牌 成功 \
        正式 积极 全力 先后 分别 先期 近日 日前 目前 今年 去年 上午 下午 上市 完成 加大 完善 促进 吸引 当选 加快 推进 \
        打造 建立 健全 深化 实施 提升 提高 扩大 强化 优化 培育 鼓励 落实 加强 构建 形成 实现 坚持 围绕 聚焦 \
        依法 全面 加速 助力 对接 落地 布局 争创 创建 申报 获评 评为 入围 联系 面向 针对 带动 新建 改建 扩建 筹建 一批 多个 \
        每个 若干 更多 让 代表 作 做 上好 于 暨 届 发挥 筹办 筹建 独立 指 制定 出台 修订 提请 报请 报 审核 审批 备案 部门 超出 征求 送 废止 撤销 审定 起草 发现 涉及 巡视 运营 认证 命名 授牌 挂靠 优先 积极 大力 努力 着力 全力 持续 不断 进一步 成功 率先 首次 首个 \
        首批 各级 各类 相关 有关 所有 其他 部分
        """
        return WordTable(words.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { (String($0), true) })
    }()

    /// Generic descriptions that cannot head a company/university name by themselves.
    static let genericHeads: WordTable<Bool> = {
        let words = """
        平台 跨国 保险 企业 中小 一流 风险 高风险 融资 国有 民营 上市 外资 合资 投资 科技型 龙头 重点 骨干 证券 期货 商业 农村         城市 地方 金融 高水平 研究型 应用型 综合性 大型 中型 小型 省属 市属 央企 这些 各类 新型 专业 全资 控股 子 母 相关         优质 头部 知名 本土 外地 境外 国内 国外 世界一流 双一流 高校 高等 普通 职业 民办 公办 集团化 产业 建筑 物业 运营 管理 老年 社区 乡村 农民
        """
        return WordTable(words.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { (String($0), true) })
    }()

    /// Known organizations matched as whole words (national bodies and abbreviations).
    static let known: WordTable<Bool> = {
        var words = Abbreviations.exact.keys.map { $0 }
        words += ["中国科学院", "中国工程院", "科学技术部", "工业和信息化部", "国家发展和改革委员会", "财政部", "教育部", "商务部",
                  "自然资源部", "生态环境部", "人力资源和社会保障部", "国家知识产权局", "国家市场监督管理总局", "国家税务总局",
                  "国务院", "国家自然科学基金委员会",
                  "中国科学技术协会", "国务院国有资产监督管理委员会"]
        return WordTable(words.map { ($0, true) })
    }()

    /// Conjunctions that may sit inside a name (材料技术与工程研究所, 工业和信息化局) unless a new name starts after them.
    static func isInnerConjunction(_ s: [UInt32], at k: Int) -> Bool {
        let c = s.at(k)
        guard c == 0x4E0E || c == 0x548C || c == 0x53CA else { return false }          // 与 和 及
        let next = k + 1
        if places.longest(in: s, at: next) != nil || known.longest(in: s, at: next) != nil { return false }
        let n = s.at(next)
        if n == 0x7701 || n == 0x5E02 || n == 0x53BF || n == 0x533A { return false }   // 省 市 县 区
        return CharClass.isHan(n) && CharClass.isHan(s.at(k - 1))
    }

    /// Heads that never start a name (该公司, 我院).
    static func isDemonstrative(_ c: UInt32) -> Bool {
        switch c {
        case 0x8BE5, 0x672C, 0x6211, 0x5176, 0x8D35, 0x6B64, 0x5404, 0x8FD9, 0x90A3, 0x5206, 0x5B50, 0x6BCD, 0x4E0A, 0x4E0B:
            // 该 本 我 其 贵 此 各 这 那 分 子 母 上 下
            return true
        default: return false
        }
    }
}
