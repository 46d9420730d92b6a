"""The help in Chinese: every command's and option's help text, translated.

Keyed by the command path and by the English option help; a test keeps both tables whole.
"""

# command path ("" for the program itself) -> (one-line summary for command lists, the full help)
COMMANDS: dict[str, tuple[str, str]] = {
    "": (
        "大语言模型学习助手",
        "学习大语言模型的学习助手：制定计划、记录学习、测验自己、回顾进度。",
    ),
    "card": (
        "自己的问答卡片",
        "你自己的问答卡片，和其他题目一样参加测验和复习。",
    ),
    "card add": (
        "添加一张自己的卡片",
        '添加一张自己的卡片：简答题，由你自己判断对错，按 FSRS 安排复习。\n\n在终端上没有给出 --question 和 --answer 时（或加上 --edit 时），会用 $EDITOR 打开一个模板。\n\n示例：llmstudy card add attention --question "为什么要除以 sqrt(d_k)？" --answer "让 logits 的方差保持在 1 附近"',
    ),
    "card delete": (
        "删除一张自己的卡片",
        "删除一张自己的卡片及其复习进度（你对它的作答仍保留在历史中）。\n\n示例：llmstudy card delete own-3f2a",
    ),
    "card list": (
        "列出自己的卡片",
        "列出你自己的卡片及其 id。\n\n示例：llmstudy card list attention",
    ),
    "delete": (
        "删除一条学习记录",
        "删除一条学习记录（`llmstudy undo` 可以恢复）。\n\n示例：llmstudy delete 3f2a",
    ),
    "doctor": (
        "检查数据库",
        "检查数据库：SQLite 完整性、结构版本、无效的行、孤立的行（其主题已不在课程中）。\n\n示例：llmstudy doctor --repair",
    ),
    "done": (
        "把主题标记为已完成",
        "把一个主题标记为已完成。\n\n示例：llmstudy done attention",
    ),
    "edit": (
        "修改一条学习记录",
        "修改一条学习记录。\n\n示例：llmstudy edit 3f2a --duration 45m",
    ),
    "explain": (
        "按你的程度讲解主题",
        "按你的程度讲解一个主题：由模型实时生成；离线时显示整理好的内容。\n\n示例：llmstudy explain attention --level child",
    ),
    "export": (
        "导出你的数据",
        "把你的全部数据（学习记录、主题状态、笔记、测验复习记录、卡片）导出为 JSON；或把题目和你的卡片导出为 Anki 牌组或 CSV（中英双语）。\n\n示例：llmstudy export --format anki -o llmstudy.apkg",
    ),
    "import": (
        "导入并合并导出的数据",
        "把导出的文件合并到这个数据库：不会产生重复，导入两次也没关系。\n\n示例：llmstudy import llmstudy-backup.json",
    ),
    "lab": (
        "动手实验",
        "动手实验：自己动手实现一个想法，由程序来检查。",
    ),
    "lab check": (
        "检查你的实验代码",
        "对你的文件运行这个实验的检查（在单独的进程中运行，有时间限制）。\n\n全部检查通过时退出码为 0，否则为 1。\n\n示例：llmstudy lab check scaled-attention",
    ),
    "lab hint": (
        "给出下一条提示",
        "给出几条提示中的下一条：从轻轻点拨，到几乎就是答案。\n\n示例：llmstudy lab hint scaled-attention",
    ),
    "lab list": (
        "列出所有实验",
        "列出每个实验及其主题、状态和检查次数。\n\n示例：llmstudy lab list",
    ),
    "lab solution": (
        "查看参考答案",
        "显示参考答案：第一次通过检查后才能看（或加上 --force）。\n\n示例：llmstudy lab solution scaled-attention",
    ),
    "lab start": (
        "开始一个实验",
        "把实验的初始文件写到你的实验文件夹，并显示任务说明。\n\n示例：llmstudy lab start scaled-attention",
    ),
    "llm": (
        "可选的模型：配置与调用记录",
        "可选的大语言模型：配置，以及每一次调用的记录。",
    ),
    "llm check": (
        "测试模型服务是否可用",
        "探测模型服务：能否连接、模型是否在列表中、支持哪些输出模式、试答一道样题；最后给出结论。\n\n示例：llmstudy llm check",
    ),
    "llm log": (
        "查看每次模型调用",
        "列出对模型的每一次调用：时间、模型、主机、token 数、延迟、错误。\n\n示例：llmstudy llm log -n 5 --full",
    ),
    "llm status": (
        "查看模型配置",
        "显示模型配置（从不显示密钥），并检查服务是否有响应。\n\n示例：llmstudy llm status",
    ),
    "log": (
        "记录学习时间",
        '记录在某个主题上学习的时间。\n\n示例：llmstudy log 1h30m attention --note "手推了一遍 softmax(QK^T/sqrt(d))V"',
    ),
    "next": (
        "现在该学什么",
        "现在该学什么，以及为什么。\n\n显示的掌握度，是该主题各题最近一次作答中答对的比例。\n\n示例：llmstudy next --track concept-tree",
    ),
    "note": (
        "给主题写一条笔记",
        '给一个主题写一条笔记（`llmstudy undo` 可以撤回）。\n\n示例：llmstudy note attention "除以 √d_k 让 softmax 不会落进梯度几乎为零的平坦区"',
    ),
    "note-delete": (
        "删除一条笔记",
        "删除一条笔记（`llmstudy undo` 可以恢复）。\n\n示例：llmstudy note-delete 3f2a",
    ),
    "note-edit": (
        "改写一条笔记",
        '替换一条笔记的内容（`llmstudy undo` 可以还原）。\n\n示例：llmstudy note-edit 3f2a "softmax(QKᵀ/√d_k)V"',
    ),
    "notes": (
        "列出你的笔记",
        "列出你的笔记，按主题分组，每条完整显示。\n\n示例：llmstudy notes attention",
    ),
    "paths": (
        "显示各文件存放的位置",
        "显示数据库、配置、整理好的数据和你的实验文件存放在哪里。\n\n示例：llmstudy paths",
    ),
    "plan": (
        "查看或设置学习计划",
        "查看或设置你的计划：开始日期、节奏和路线；以及各阶段的日期。\n\n示例：llmstudy plan --hours-per-week 6",
    ),
    "quiz": (
        "就一个主题做测验",
        "就一个主题做测验（包括你自己的卡片）；每次选项的顺序都会打乱。\n\n答错的题当天稍后会再出现，答对的题几天后再出现（FSRS；见 config.toml 中的 [review]）。掌握度（在 next 和 stats 中）是一个主题各题最近一次作答中答对的比例。\n\n示例：llmstudy quiz attention -n 3",
    ),
    "reset": (
        "把主题恢复为未开始",
        "把一个主题恢复为未开始。\n\n示例：llmstudy reset attention",
    ),
    "resources": (
        "查看学习资源",
        "课程、书、论文、人物、网站和工具：可以看一个主题的，也可以看全部。\n\n示例：llmstudy resources attention --kind paper",
    ),
    "review": (
        "复习到期的卡片",
        "回答所有主题中到期的测验卡片，直到每日上限。\n\n到达每日上限（默认 50）时停止，并告诉你还剩多少；--forecast 显示未来一周的复习安排。\n\n示例：llmstudy review --forecast",
    ),
    "roadmap": (
        "学习路线图",
        "学习路线图：每条路线及其阶段、主题和计划时长。\n\n示例：llmstudy roadmap --track six-week",
    ),
    "search": (
        "搜索课程内容和你写的东西",
        "搜索课程内容和你写过的一切，最相关的排在前面，每条结果都附有打开它的命令。\n\n示例：llmstudy search 点积 --kind topic",
    ),
    "sessions": (
        "列出学习记录",
        "列出学习记录，最新的排在最后。\n\n示例：llmstudy sessions --topic attention --from 2026-11-01",
    ),
    "show": (
        "查看一个主题的详情",
        "一个主题的详细内容：概要、要点、前置知识、类比、资源。\n\n示例：llmstudy show self-attention",
    ),
    "skip": (
        "跳过一个主题",
        "跳过一个主题（next 不再推荐它）。\n\n示例：llmstudy skip dev-environment",
    ),
    "start": (
        "把主题标记为学习中",
        "把一个主题标记为学习中。\n\n示例：llmstudy start transformer",
    ),
    "stats": (
        "学习统计",
        "已学时长与计划的对比（按主题、按周）、连续学习天数，以及最近 12 周的热力图。\n\n待复习指现在到期的测验卡片；一个主题的掌握度，是其各题最近一次作答中答对的比例（从未作答的题不计入）。\n\n示例：llmstudy stats --streak-minutes 30",
    ),
    "teach": (
        "用自己的话讲解主题",
        "先用自己的话讲解一个主题，再看看你讲到了什么、漏了什么、讲错了什么。\n\n你的解释来自 --file，或在终端上用 $EDITOR 编写，或从标准输入（stdin）读取。\n\n示例：llmstudy teach attention --file my-attention.md",
    ),
    "timeline": (
        "语言模型发展时间线",
        "语言模型的发展历史，按时代分组，并关联到相应主题。\n\n示例：llmstudy timeline --from 2017 --to 2020",
    ),
    "timer": (
        "为学习计时",
        "为一次学习计时；`timer stop` 会把它记录下来。",
    ),
    "timer cancel": (
        "取消计时，不做记录",
        "丢弃正在运行的计时器，不做记录。\n\n示例：llmstudy timer cancel",
    ),
    "timer start": (
        "开始计时",
        "开始为一次学习计时（计时器保存在数据库里：关掉终端也没关系）。\n\n示例：llmstudy timer start attention --ago 10m",
    ),
    "timer status": (
        "查看计时器状态",
        "有没有计时器在运行，计的是哪个主题，已经计了多久。\n\n示例：llmstudy timer status",
    ),
    "timer stop": (
        "停止计时并记录",
        '停止计时，把这段时间记为一条学习记录。\n\n示例：llmstudy timer stop --note "手写了多头注意力"',
    ),
    "today": (
        "今晚学什么",
        "用几行概括今晚：要学的主题及其实验、到期的复习、计划的分钟数、连续学习天数。\n\n示例：llmstudy today",
    ),
    "topics": (
        "列出所有主题",
        "列出每个主题及其所在周、状态和时长。\n\n示例：llmstudy topics --lang zh",
    ),
    "tree": (
        "概念树",
        "概念树：每个主题都排在需要先学的主题之下。\n\n示例：llmstudy tree",
    ),
    "undo": (
        "撤销最近一次改动",
        "撤销这个数据库中最近的一次记录、修改、删除、笔记、删除卡片、状态修改或导入。\n\n它会说明撤销了什么（id、时间、内容）。在终端上，如果这次改动已经超过十分钟，会先显示出来，你同意后才撤销。\n\n示例：llmstudy undo",
    ),
}

# English option help (exactly as in the input) -> Chinese
OPTIONS: dict[str, str] = {
    "Database file (default: $LLMSTUDY_HOME/llmstudy.db, else the user data dir).": "数据库文件（默认：$LLMSTUDY_HOME/llmstudy.db，否则放在用户数据目录中）。",
    "Curated data folder (default: the bundled data).": "整理好的数据所在的文件夹（默认：程序自带的数据）。",
    "zh or en for every command (default: LLMSTUDY_LANG, else the locale).": "所有命令使用的语言：zh 或 en（默认：LLMSTUDY_LANG，否则按系统的区域设置）。",
    "Show the version and exit.": "显示版本号并退出。",
    "Install completion for the current shell.": "为当前 shell 安装命令补全。",
    "Show completion for the current shell, to copy it or customize the installation.": "显示当前 shell 的补全脚本，便于复制或自定义安装。",
    "Topic id, alias or title.": "主题的 id、别名或标题。",
    "The question.": "问题。",
    "The answer you will compare yours with.": "参考答案：作答后拿你的回答和它对照。",
    "Write the card in $EDITOR (the default on a terminal).": "在 $EDITOR 中编写卡片（在终端上默认如此）。",
    "Print plain JSON instead of a view.": "输出纯 JSON，而不是排版好的视图。",
    "zh or en (default: LLMSTUDY_LANG, else the locale).": "zh 或 en（默认：LLMSTUDY_LANG，否则按系统的区域设置）。",
    "The card's id from `llmstudy card list` (or its first characters).": "卡片的 id，见 `llmstudy card list`（也可以只写开头几个字符）。",
    "Only this topic.": "只看这个主题。",
    "Session id (or its first characters).": "学习记录的 id（也可以只写开头几个字符）。",
    "Move invalid rows into a quarantine table (nothing is deleted).": "把无效的行移入隔离表（不删除任何内容）。",
    "Session id (or its first characters) from `llmstudy sessions`.": "学习记录的 id，见 `llmstudy sessions`（也可以只写开头几个字符）。",
    "New duration, e.g. 45m.": "新的时长，例如 45m。",
    "New topic.": "新的主题。",
    "New day.": "新的日期。",
    "New roadmap week.": "新的路线图周次。",
    "New note (empty to clear).": "新的笔记（留空则清除）。",
    "Accept a day more than a year back or before the plan.": "接受一年多以前或计划开始之前的日期。",
    "child, beginner or expert.": "child（讲给孩子听）、beginner（入门）或 expert（专业）。",
    "A question of your own about the topic.": "你自己关于这个主题的问题。",
    "Only the curated content, no LLM.": "只用整理好的内容，不用模型。",
    "File to write (default: stdout).": "要写入的文件（默认：标准输出）。",
    "json: all your data; md: one Markdown file per topic into -o DIR; anki: the questions as an Anki deck (.apkg); csv: the questions; ics: the plan's stages and the reviews due, for a calendar.": "json：你的全部数据；md：每个主题一个 Markdown 文件，写入 -o DIR；anki：题目导出为 Anki 牌组（.apkg）；csv：题目；ics：计划的各阶段和到期的复习，可导入日历。",
    "A file written by `llmstudy export`.": "由 `llmstudy export` 写出的文件。",
    "Lab id (default: the lab you last worked on).": "实验 id（默认：你最近做的那个实验）。",
    "Lab id (see llmstudy lab list).": "实验 id（见 llmstudy lab list）。",
    "Show it before you have passed.": "还没通过检查也显示。",
    "Folder for your lab files (default: see llmstudy paths).": "存放你的实验文件的文件夹（默认：见 llmstudy paths）。",
    "Start over from the starter file (keeps a backup).": "从初始文件重新开始（会保留备份）。",
    "How many calls, newest first.": "显示多少次调用，最新的在前。",
    "Include prompts and replies.": "包括提示词和回复。",
    "How long: 2h, 1.5h, 90m, 1h30m, 1:30, PT1H30M, 1小时30分钟.": "学了多久：2h、1.5h、90m、1h30m、1:30、PT1H30M、1小时30分钟。",
    "Topic id or alias (default: what `next` recommends).": "主题 id 或别名（默认：`next` 推荐的主题）。",
    "YYYY-MM-DD, today or yesterday.": "YYYY-MM-DD、today 或 yesterday。",
    "Roadmap week (default: the topic's week).": "路线图周次（默认：该主题所在的周）。",
    "What you did or learned.": "你做了什么或学到了什么。",
    "Track to follow (default: the six-week plan).": "要跟随的路线（默认：六周计划）。",
    "Topic id, alias or title (e.g. attention, 注意力).": "主题的 id、别名或标题（例如 attention、注意力）。",
    "The note (default: $EDITOR on a terminal, else stdin).": "笔记内容（默认：在终端上用 $EDITOR 编写，否则从 stdin 读取）。",
    "Note id (or its first characters).": "笔记 id（也可以只写开头几个字符）。",
    "Note id (or its first characters) from `llmstudy notes`.": "笔记 id，见 `llmstudy notes`（也可以只写开头几个字符）。",
    "The new text (default: $EDITOR on a terminal, else stdin).": "新的内容（默认：在终端上用 $EDITOR 编写，否则从 stdin 读取）。",
    "Only this topic's notes.": "只看这个主题的笔记。",
    "The plan's first day (YYYY-MM-DD, today).": "计划的第一天（YYYY-MM-DD 或 today）。",
    "Your pace; the stages stretch to fit it.": "你的节奏（每周小时数）；各阶段会随之伸缩。",
    "The track next and log follow.": "next 和 log 所跟随的路线。",
    "How many questions.": "题目数量。",
    "Use the LLM, or only the offline bank (default: the LLM when one is configured).": "使用模型出题，或只用离线题库（默认：配置了模型就用模型）。",
    "Seed the shuffling of options: the same seed shows the same order.": "打乱选项所用的随机种子：种子相同，顺序就相同。",
    "Have the model write each question in Chinese and English.": "让模型把每道题都用中文和英文各写一遍。",
    "Only resources for this topic.": "只看这个主题的资源。",
    "course, book, paper, person, site, tool, video or article.": "course、book、paper、person、site、tool、video 或 article。",
    "At most this many cards now (default: up to the daily limit).": "这次最多复习多少张卡片（默认：直到每日上限）。",
    "Reviews a day (default: daily_limit in [review] of config.toml, else 50).": "每天最多复习多少张（默认：config.toml 中 [review] 的 daily_limit，否则为 50）。",
    "Show the reviews due on each of the next 7 days.": "显示未来 7 天每天到期的复习。",
    "Show one track only.": "只显示一条路线。",
    "Words in either language: 点积, attention, 注意力 softmax.": "中文或英文的词均可：点积、attention、注意力 softmax。",
    "topic, event, resource, question, note, explanation, session or card.": "topic、event、resource、question、note、explanation、session 或 card。",
    "At most this many hits (default 20).": "最多显示多少条结果（默认 20）。",
    "Only this roadmap week.": "只看路线图的这一周。",
    "First day (YYYY-MM-DD, today, yesterday).": "起始日期（YYYY-MM-DD、today 或 yesterday）。",
    "Last day.": "结束日期。",
    "Show the latest N (default 20; all with --json).": "显示最近 N 条（默认 20；加 --json 时显示全部）。",
    "Show every matching session.": "显示所有符合条件的学习记录。",
    "Topic id, alias or title (e.g. attention, 自注意力).": "主题的 id、别名或标题（例如 attention、自注意力）。",
    "Minutes a day must reach to count for the streak (default 15).": "一天至少学习多少分钟才算作连续学习（默认 15）。",
    "Read your explanation from this file.": "从这个文件读取你的解释。",
    "Graded by the LLM, or offline (default: the LLM when configured).": "由模型评分，或离线评分（默认：配置了模型就用模型）。",
    "List your earlier explanations and scores.": "列出你以前的解释和得分。",
    "First year, e.g. 2017.": "起始年份，例如 2017。",
    "Last year.": "结束年份。",
    "Only one era (see --json for ids).": "只看一个时代（时代的 id 见 --json 的输出）。",
    "Text to look for in either language.": "要查找的文字，中文或英文均可。",
    "Only events linked to this topic.": "只看与这个主题关联的事件。",
    "Topic (default: the one next picks, when you stop).": "主题（默认：停止计时时 next 推荐的主题）。",
    "You started this long ago, e.g. 25m.": "你在多久之前就已经开始了，例如 25m。",
    "Log it even if it ran for hours (a terminal asks).": "即使计时器已运行了好几个小时也照常记录（不加此项时，终端上会先询问）。",
    "Do not ask, even for a change made long ago.": "不询问，即使是很久以前的改动。",
}
