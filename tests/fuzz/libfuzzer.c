/* libFuzzer's entry point for the harness named by -DFUZZ_ENTRY=fuzz_NAME (`make fuzz`). */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FUZZ_ENTRY(data, size);
    return 0;
}
