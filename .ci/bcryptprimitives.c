/* A stand-in for Windows' bcryptprimitives.dll, for running mapsurvey under Wine in CI only.
 *
 * Go's Windows runtime (1.22 and later) takes its random bytes from ProcessPrng, which it loads
 * from bcryptprimitives.dll in system32; Debian's Wine 8.0 ships no such DLL, so every Go
 * binary stops at start with "bcryptprimitives.dll not found". ProcessPrng is documented to
 * always succeed and fill the whole buffer: this one asks Wine's BCryptGenRandom, in chunks
 * because that takes a 32-bit length. Built by .ci/wine with x86_64-w64-mingw32-gcc. */
#include <windows.h>
#include <bcrypt.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!BCRYPT_SUCCESS(BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG)))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
