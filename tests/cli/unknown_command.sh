"$DS" frobnicate
