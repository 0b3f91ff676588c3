// Provides std::ios_base_library_init(), the one GCC 13 (GLIBCXX_3.4.32) symbol that
// TorchSharp's libLibTorchSharp.so needs and an older libstdc++ (GCC 12, GLIBCXX_3.4.30) lacks.
// GCC 13 emits a call to it from every TU that includes <iostream>, to make sure the standard
// streams are constructed; constructing std::ios_base::Init does exactly that on older libstdc++.
#include <ios>

namespace std {
__attribute__((visibility("default"))) void ios_base_library_init();

void ios_base_library_init()
{
    static ios_base::Init init;
}
} // namespace std
