console.log('hello from the smoke page', { answer: 42 });
