// Command quotes is a small Quotewire client in Go: it ingests an article,
// lists one person's quotes and cuts each quote out of the article text with
// the offsets the server returned.
//
// Go strings are UTF-8 bytes, so every request asks for OFFSET_UNIT_UTF8 and
// text[span.Start:span.End] is the quoted text, accents and emoji included.
//
// Usage:
//
//	quotes [-server HOST:PORT] [-token TOKEN] -article FILE [-id ID] -person NAME
//
// Output, one line per quote: the quote's resource name, its spans and the
// text sliced from the article (a JSON string; the spans of a quote over
// several paragraphs are joined by "\n", as in Quote.text). Exits 1 when an
// rpc fails or a slice differs from Quote.text.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/metadata"

	pb "quotewire.dev/api/quotewire/v1"
)

func main() {
	server := flag.String("server", "127.0.0.1:50051", "address of quotewire-server")
	token := flag.String("token", os.Getenv("QUOTEWIRE_TOKEN"), "bearer token (needed to ingest when the server has tokens)")
	articleFile := flag.String("article", "", "UTF-8 text file of the article to ingest")
	id := flag.String("id", "", "article id (re-ingesting the same id replaces the article)")
	person := flag.String("person", "", "whose quotes to list: any name form or people/{person}")
	flag.Parse()
	if *articleFile == "" || *person == "" {
		fmt.Fprintln(os.Stderr, "usage: quotes [-server HOST:PORT] [-token TOKEN] -article FILE [-id ID] -person NAME")
		os.Exit(2)
	}
	if err := run(*server, *token, *articleFile, *id, *person); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

func run(server, token, articleFile, id, person string) error {
	text, err := os.ReadFile(articleFile)
	if err != nil {
		return err
	}

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := grpc.DialContext(ctx, server, grpc.WithInsecure(), grpc.WithBlock())
	if err != nil {
		return fmt.Errorf("connect to %s: %v", server, err)
	}
	defer conn.Close()
	client := pb.NewQuoteServiceClient(conn)
	if token != "" {
		ctx = metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+token)
	}

	// 1. Ingest the article. The response already carries its quotes.
	ingested, err := client.IngestArticle(ctx, &pb.IngestArticleRequest{
		Article:    &pb.Article{Id: id, Text: string(text)},
		OffsetUnit: pb.OffsetUnit_OFFSET_UNIT_UTF8,
	})
	if err != nil {
		return fmt.Errorf("IngestArticle: %v", err)
	}
	fmt.Printf("ingested %s: %d quotes\n", ingested.Article.Name, len(ingested.Quotes))

	// 2. Look the person up by any name form, then list their quotes page by page.
	found, err := client.GetPerson(ctx, &pb.GetPersonRequest{Name: person})
	if err != nil {
		return fmt.Errorf("GetPerson: %v", err)
	}
	var quotes []*pb.Quote
	request := &pb.ListQuotesRequest{
		Person:     found.Person.Name,
		PageSize:   100,
		OffsetUnit: pb.OffsetUnit_OFFSET_UNIT_UTF8,
	}
	for {
		page, err := client.ListQuotes(ctx, request)
		if err != nil {
			return fmt.Errorf("ListQuotes: %v", err)
		}
		quotes = append(quotes, page.Quotes...)
		if page.NextPageToken == "" {
			break
		}
		request.PageToken = page.NextPageToken
	}
	fmt.Printf("person %s %s: %d quotes\n", found.Person.Name, found.Person.DisplayName, len(quotes))

	// 3. Slice each quote out of its article's text: byte offsets, Go strings.
	texts := map[string]string{}
	for _, quote := range quotes {
		articleText, ok := texts[quote.Article]
		if !ok {
			article, err := client.GetArticle(ctx, &pb.GetArticleRequest{
				Name:       quote.Article,
				OffsetUnit: pb.OffsetUnit_OFFSET_UNIT_UTF8,
			})
			if err != nil {
				return fmt.Errorf("GetArticle: %v", err)
			}
			articleText = article.Article.Text
			texts[quote.Article] = articleText
		}
		var ranges, parts []string
		for _, span := range quote.Spans {
			if span.Start < 0 || span.Start > span.End || int(span.End) > len(articleText) {
				return fmt.Errorf("%s: span [%d,%d) outside the article", quote.Name, span.Start, span.End)
			}
			ranges = append(ranges, fmt.Sprintf("[%d,%d)", span.Start, span.End))
			parts = append(parts, articleText[span.Start:span.End])
		}
		sliced := strings.Join(parts, "\n")
		fmt.Printf("%s %s %s\n", quote.Name, strings.Join(ranges, "+"), jsonString(sliced))
		if sliced != quote.Text {
			return fmt.Errorf("%s: slice %s differs from quote text %s", quote.Name, jsonString(sliced), jsonString(quote.Text))
		}
	}
	return nil
}

// jsonString quotes s as a JSON string, leaving non-ASCII text readable.
func jsonString(s string) string {
	var buffer bytes.Buffer
	encoder := json.NewEncoder(&buffer)
	encoder.SetEscapeHTML(false)
	encoder.Encode(s)
	return strings.TrimSuffix(buffer.String(), "\n")
}
