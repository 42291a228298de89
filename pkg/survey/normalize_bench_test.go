package survey

import "testing"

// BenchmarkAppendNormalized normalises descriptions as the duplicate check does on each row: a
// plain one, and one with a "/" between words.
func BenchmarkAppendNormalized(b *testing.B) {
	for _, tc := range []struct{ name, text string }{
		{"plain", "Expert assistance for Kosovo* officers on legal migration, project 123456"},
		{"slash", "Expert assistance for Kosovo* officers on information exchange/situational awareness, project 123456"},
		{"short", "Activity 123456"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			var dst []byte
			for b.Loop() {
				dst = AppendNormalized(dst[:0], tc.text)
			}
		})
	}
}
