# Each planted violation makes scripts/check-layers.py fail (exit 1) and name it: a base file
# including a model header, a call cycle inside scan, plot fitting a model, an oversized
# function, and a header no stage owns.
cd "$TMP" || exit 9
plant() { rm -rf tree && mkdir tree && cp -r "$ROOT/src" "$ROOT/include" tree/; }
check() {
    python3 "$ROOT/scripts/check-layers.py" --root tree >out 2>err
    echo "status $?"
    grep -v 'problem(s)$' err | sed -e 's/\.\([ch]\):[0-9]*:/.\1:N:/' -e 's/\(-> src[^:]*\):.*/\1/' | head -4
}
plant
printf '#include "damirstat/model.h"\n' >> tree/src/base/err.c
check
plant
printf 'int read_planted(void);\nint read_planted(void)\n{\n    return job_threads(0);\n}\n' >> tree/src/scan/read.c
check
plant
printf 'void plot_planted(void);\nvoid plot_planted(void)\n{\n    model_fit_formula(0, 0, 0, 0, 0);\n}\n' >> tree/src/plot/plot.c
check
plant
{ printf 'void json_planted(void);\nvoid json_planted(void)\n{\n'; i=0; while [ $i -lt 81 ]; do printf '    ;\n'; i=$((i+1)); done; printf '}\n'; } >> tree/src/base/json.c
check
plant
printf '#ifndef X\n#define X\n#endif\n' > tree/include/damirstat/planted.h
check
