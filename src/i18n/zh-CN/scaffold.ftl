# jianbao new、init 与 theme export。
