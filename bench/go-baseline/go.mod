module hookwright.dev/bench/go-baseline

go 1.26
