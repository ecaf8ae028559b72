/* A stand-in for <mmintrin.h> in the WASM SIMD build. Eigen's SSE path (compiled with
   -msse4.2, which Emscripten translates to WebAssembly SIMD) reaches this header through
   Emscripten's <xmmintrin.h>, and Emscripten 3.1.6 has none: clang's own is x86-only.
   Eigen uses no MMX type or intrinsic, so an empty header is enough. */
#pragma once
