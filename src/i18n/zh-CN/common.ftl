# 各种报告共用的词。

# 文本报告里每条问题前的标签。
label-error = 错误
label-warning = 警告
label-hint = 提示

# 文件读写失败：`io-error` 说明在做什么（`action`，即各部分的 `io-…` 动作）和原因（`reason`）。
io-error = 无法{ $action }：{ $reason }
io-not-found = 没有这个文件或文件夹
io-permission-denied = 没有权限
io-already-exists = 已经存在
io-storage-full = 磁盘已满
io-read-only = 磁盘是只读的
io-other = { $error }
io-read = 读取
io-write = 写入
io-copy = 复制
io-create-folder = 创建文件夹
