# 前言（front matter）与 YAML：输入法的笔误，以及 YAML 解析发现的问题。
