"""Reference outputs of SplitMix64 (Steele, Lea & Flood 2014; Vigna's splitmix64.c) and
xoshiro256** (Blackman & Vigna 2018; xoshiro256starstar.c), written from the published C
reference code, independently of the Swift sources. Prints Swift literals for
RandomStreamTests."""
M = (1 << 64) - 1

def splitmix(state):
    state = (state + 0x9E3779B97F4A7C15) & M
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
    return state, z ^ (z >> 31)

def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & M

def xoshiro(seed, n):
    st = seed; s = []
    for _ in range(4):
        st, z = splitmix(st); s.append(z)
    out = []
    for _ in range(n):
        result = (rotl((s[1] * 5) & M, 7) * 9) & M
        t = (s[1] << 17) & M
        s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        out.append(result)
    return out

def derive(seed, indices):
    st, s = splitmix(seed)
    for i in indices:
        _, s = splitmix(s ^ ((i * 0xD6E8FEB86659FD93) & M))
    return s

st = 1234567; sm = []
for _ in range(5):
    st, z = splitmix(st); sm.append(z)
print("splitmix64(1234567):", sm)
print("xoshiro256**(42):", xoshiro(42, 5))
print("derive(7, [3, 1, 2]):", derive(7, [3, 1, 2]))
print("derive(7, [2]):", derive(7, [2]))
