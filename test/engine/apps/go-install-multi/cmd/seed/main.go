// seed prints sample input for render; a development helper that the image does not run.
package main

import "fmt"

func main() {
	fmt.Println("name\tvalue")
	for i, n := range []string{"alpha", "beta", "gamma"} {
		fmt.Printf("%s\t%d\n", n, (i+1)*100)
	}
}
